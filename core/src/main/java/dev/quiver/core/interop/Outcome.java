package dev.quiver.core.interop;

/** What a case reports: a verdict and the observation behind it. */
public record Outcome(Verdict verdict, String detail) {

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
