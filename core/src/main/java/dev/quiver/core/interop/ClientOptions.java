package dev.quiver.core.interop;

/**
 * What a case asks of an engine's connections.
 *
 * @param connectionWindow the connection's receive window (initial_max_data), 0 for the engine's default
 * @param streamWindow each request stream's receive window, 0 for the engine's default
 * @param cipherSuite the only TLS 1.3 cipher suite to offer, or null
 * @param version the QUIC version to negotiate by compatible version negotiation ({@code v2}), or null for v1 only
 * @param keyUpdate the case will start a key update
 * @param earlyData the client keeps session tickets that allow 0-RTT
 */
public record ClientOptions(long connectionWindow, long streamWindow, String cipherSuite, String version,
                            boolean keyUpdate, boolean earlyData) {

    public static final ClientOptions PLAIN = new ClientOptions(0, 0, null, null, false, false);

    public ClientOptions withWindows(long connection, long stream) {
        return new ClientOptions(connection, stream, cipherSuite, version, keyUpdate, earlyData);
    }

    public ClientOptions withCipherSuite(String suite) {
        return new ClientOptions(connectionWindow, streamWindow, suite, version, keyUpdate, earlyData);
    }

    public ClientOptions withVersion(String v) {
        return new ClientOptions(connectionWindow, streamWindow, cipherSuite, v, keyUpdate, earlyData);
    }

    public ClientOptions withKeyUpdate() {
        return new ClientOptions(connectionWindow, streamWindow, cipherSuite, version, true, earlyData);
    }

    public ClientOptions withEarlyData() {
        return new ClientOptions(connectionWindow, streamWindow, cipherSuite, version, keyUpdate, true);
    }
}
