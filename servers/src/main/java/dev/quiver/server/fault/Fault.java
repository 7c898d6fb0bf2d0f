package dev.quiver.server.fault;

/**
 * The faults the reference servers inject on purpose, each switched on by a {@code --...-every N}
 * option of {@code quiver serve}. What a fault looks like on the wire is each server's own
 * (see the TCP and HTTP/3 servers); what it means is the same everywhere.
 */
public enum Fault {
    /** Answer the request, then end the connection gracefully (GOAWAY, or {@code Connection: close}). */
    GOAWAY("goaway"),
    /** End the connection abruptly when the request arrives, without answering. */
    CLOSE("close"),
    /** Response headers and part of the body, then the response is cut off. */
    RESET("reset"),
    /** The request is never answered. */
    STALL("stall"),
    /** The connection's state is dropped without anything sent to the client (HTTP/3 only). */
    SILENT_CLOSE("silent-close");

    private final String label;

    Fault(String label) {
        this.label = label;
    }

    /** The fault's name in option names and banners, e.g. {@code silent-close}. */
    public String label() {
        return label;
    }
}
