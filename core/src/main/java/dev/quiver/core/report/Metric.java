package dev.quiver.core.report;

/** The timings a run records, each in its own histogram of microseconds. */
public enum Metric {
    /** Request latency of completed requests (from the intended start in the open model). */
    LATENCY("latency"),
    /** Time to the first byte of the response (its headers). */
    FIRST_BYTE("first_byte"),
    /** TCP connect. */
    CONNECT("connect"),
    /** TLS handshake over TCP. */
    TLS_HANDSHAKE("tls_handshake"),
    /** QUIC handshake (HTTP/3). */
    QUIC_HANDSHAKE("quic_handshake");

    private final String key;

    Metric(String key) {
        this.key = key;
    }

    /** The name reports use: {@code first_byte}. */
    public String key() {
        return key;
    }
}
