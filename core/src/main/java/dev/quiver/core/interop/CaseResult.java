package dev.quiver.core.interop;

/**
 * One cell of the matrix.
 *
 * @param detail what was observed (pass), what went wrong (fail), or why the engine cannot do it (unsupported), or what the server did instead (not shown)
 * @param millis how long the case ran
 * @param measurement what a measurement case measured, or null
 */
public record CaseResult(InteropCase interopCase, String engine, Verdict verdict, String detail, long millis,
                         Measurement measurement) {

    public CaseResult(InteropCase interopCase, String engine, Verdict verdict, String detail, long millis) {
        this(interopCase, engine, verdict, detail, millis, null);
    }
}
