package dev.quiver.core.interop;

import java.util.Locale;

/**
 * The interop cases, named as in the public QUIC interop runner. Each is checked by what the
 * client observed on the wire or in its QUIC stack, never by "a GET worked".
 */
public enum InteropCase {
    HANDSHAKE("handshake", "one connection, one GET; the negotiated QUIC version and ALPN h3"),
    TRANSFER("transfer", "/bytes/N downloads up to 5 MiB on one connection; byte counts; flow-control credit extended"),
    MULTIPLEXING("multiplexing", "more requests than the server's initial MAX_STREAMS on one connection; stream credit extended"),
    HTTP3("http3", "parallel GETs with QPACK; status, headers and body lengths verified"),
    RETRY("retry", "the server sent a Retry and the handshake completed with its token (server with Retry on)"),
    RESUMPTION("resumption", "a second connection resumed the first one's TLS session"),
    ZERORTT("zerortt", "a second connection sent its request as 0-RTT and the server accepted it"),
    CHACHA20("chacha20", "handshake restricted to TLS_CHACHA20_POLY1305_SHA256"),
    KEYUPDATE("keyupdate", "the client initiates a key update during a transfer; the server follows; the transfer completes"),
    V2("v2", "QUIC version 2 negotiated by compatible version negotiation"),
    GOAWAY("goaway", "the server's GOAWAY: requests below its id complete, later ones go to a new connection (server with GOAWAY every N)"),
    STREAMLIMITS("streamlimits", "the client never opens more streams than the server's MAX_STREAMS allows");

    private final String id;
    private final String description;

    InteropCase(String id, String description) {
        this.id = id;
        this.description = description;
    }

    /** The name on the command line and in reports: {@code handshake}, {@code zerortt}. */
    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    /** Parses a case name; an unknown one is an {@link IllegalArgumentException} naming the known ones. */
    public static InteropCase parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (InteropCase c : values()) {
            if (c.id.equals(n)) {
                return c;
            }
        }
        StringBuilder known = new StringBuilder();
        for (InteropCase c : values()) {
            known.append(known.isEmpty() ? "" : ", ").append(c.id);
        }
        throw new IllegalArgumentException("unknown interop case '" + name + "' (known: " + known + ")");
    }
}
