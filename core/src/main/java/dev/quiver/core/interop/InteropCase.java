package dev.quiver.core.interop;

/**
 * One interop case, named as in the public QUIC interop runner: what it needs, what it asks an
 * engine to do, and how it judges what the engine observed. A case is judged on the wire or in the
 * QUIC stack, never on "a GET worked". Adding a case is one class in {@code cases} plus its test,
 * and one line in {@link InteropCases}.
 */
public interface InteropCase {

    /** The name on the command line and in reports: {@code handshake}, {@code zerortt}. */
    String id();

    /** The interop runner's abbreviation ({@code H}, {@code DC}, {@code Z}), as its result.json keys its tests. */
    String abbreviation();

    /** What the case checks, in one line (help, HTML report). */
    String description();

    /**
     * Runs the case on one engine. Returns {@link Verdict#NOT_SHOWN} when the server does not meet
     * the case's precondition; an engine that cannot do what the case asks throws {@link UnsupportedCase}.
     */
    Outcome run(CaseRun run) throws Exception;
}
