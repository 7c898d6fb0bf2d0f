package dev.quiver.core.interop;

import java.time.Duration;
import java.util.List;

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

    /** The numbers the case takes from the command line, with the runner's values as defaults. */
    default List<CaseSetting> settings() {
        return List.of();
    }

    /**
     * The least time the case gets on one engine, whatever {@code --case-timeout} says (the runner's
     * own timeout for a case that needs long: 50 handshakes through 30% loss), or zero.
     */
    default Duration minimumTimeout() {
        return Duration.ZERO;
    }

    /** True for a measurement (the runner's {@code goodput}): its result is a number, in the runner's {@code measurements}. */
    default boolean measurement() {
        return false;
    }

    /**
     * Runs the case on one engine. Returns {@link Verdict#NOT_SHOWN} when the server does not meet
     * the case's precondition; an engine that cannot do what the case asks throws {@link UnsupportedCase}.
     */
    Outcome run(CaseRun run) throws Exception;
}
