package dev.quiver.core.interop;

/**
 * The interop cases of one engine, registered in {@code META-INF/services} like the engines and
 * found through {@link java.util.ServiceLoader}. A runner opens its own connections for every case
 * and closes them before it returns, also when it is interrupted (the case's timeout).
 */
public interface InteropRunner {

    /** The engine's name, as {@code --engine} takes it. */
    String engine();

    /**
     * Runs one case against the target and says what was observed. Returns {@link
     * Verdict#UNSUPPORTED} for a case the engine's QUIC stack cannot do. May throw: the matrix
     * records the exception as a failure.
     */
    Outcome run(InteropCase interopCase, InteropSettings settings) throws Exception;
}
