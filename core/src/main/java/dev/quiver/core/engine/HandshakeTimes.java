package dev.quiver.core.engine;

/**
 * How long a connection took to set up, in nanoseconds; a phase that did not happen is -1
 * (no TLS on cleartext, no TCP on QUIC).
 */
public record HandshakeTimes(long connectNanos, long tlsNanos, long quicNanos) {
}
