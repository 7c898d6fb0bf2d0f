package dev.quiver.core.interop;

/** The outcome of one case on one engine. */
public enum Verdict {
    /** What the case looks for was observed. */
    PASS,
    /** It was not observed, or something went wrong; the result says what. */
    FAIL,
    /** The engine's QUIC stack cannot do this case; never counted as a pass. */
    UNSUPPORTED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
