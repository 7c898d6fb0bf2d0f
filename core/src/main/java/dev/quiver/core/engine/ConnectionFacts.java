package dev.quiver.core.engine;

/**
 * What an engine learned about a connection while setting it up, for the report. A fact the
 * engine cannot observe is null.
 *
 * @param quicVersion negotiated QUIC version, e.g. {@code v1}, {@code v2}; null for TCP or when unknown
 * @param resumed the TLS session was resumed (no full handshake)
 * @param earlyData 0-RTT data was sent and accepted
 * @param retry the server sent a Retry before the handshake completed
 */
public record ConnectionFacts(String quicVersion, Boolean resumed, Boolean earlyData, Boolean retry) {

    public static final ConnectionFacts NONE = new ConnectionFacts(null, null, null, null);
}
