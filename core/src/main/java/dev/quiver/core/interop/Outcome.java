package dev.quiver.core.interop;

/**
 * What a case reports: a verdict and the observation behind it.
 *
 * @param measurement what a measurement case measured, or null
 */
public record Outcome(Verdict verdict, String detail, Measurement measurement) {

    public Outcome(Verdict verdict, String detail) {
        this(verdict, detail, null);
    }

    /** A measurement: valid (pass) when {@code ok}, with what was measured either way. */
    public static Outcome measured(boolean ok, String observed, Measurement m) {
        return new Outcome(ok ? Verdict.PASS : Verdict.FAIL, observed, m);
    }

    public static Outcome pass(String observed) {
        return new Outcome(Verdict.PASS, observed);
    }

    public static Outcome fail(String reason) {
        return new Outcome(Verdict.FAIL, reason);
    }

    public static Outcome unsupported(String reason) {
        return new Outcome(Verdict.UNSUPPORTED, reason);
    }

    /** The server did not meet the case's precondition: what it did instead. */
    public static Outcome notShown(String reason) {
        return new Outcome(Verdict.NOT_SHOWN, reason);
    }

    /** Pass with {@code observed} when {@code ok}, else fail with {@code observed} as the reason. */
    public static Outcome check(boolean ok, String observed) {
        return ok ? pass(observed) : fail(observed);
    }
}
