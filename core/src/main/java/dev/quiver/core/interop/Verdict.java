package dev.quiver.core.interop;

/** The outcome of one case on one engine. */
public enum Verdict {
    /** What the case looks for was observed. */
    PASS("pass"),
    /** It was not observed, or something went wrong; the result says what. */
    FAIL("fail"),
    /** The engine's QUIC stack cannot do this case; never counted as a pass. */
    UNSUPPORTED("unsupported"),
    /**
     * The server does not meet the case's precondition (it never sends Retry or GOAWAY, its
     * MAX_STREAMS is too large to reach): neither a pass nor the client's failure.
     */
    NOT_SHOWN("not shown");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    /** In the text matrix: {@code not shown}. */
    public String label() {
        return label;
    }

    /** In JSON and as an HTML class: {@code not_shown}. */
    public String key() {
        return label.replace(' ', '_');
    }
}
