package dev.quiver.cli;

/** quiver's exit codes; documented in the README. */
public final class ExitCode {
    /** The run finished and quiver's own books balance. */
    public static final int OK = 0;
    /** quiver itself failed unexpectedly. */
    public static final int INTERNAL = 1;
    /** Bad input: unknown flag, bad value, bad URL. */
    public static final int USAGE = 2;
    /** The target could not be reached at all (first connection failed). */
    public static final int UNREACHABLE = 3;
    /** Streams never reached a terminal state: a stream leak in quiver. */
    public static final int STREAM_LEAK = 4;
    /** leak-check: a resource of the server under test leaks. */
    public static final int LEAK = 5;
    /** leak-check: no leak found, but a watcher gave no verdict. */
    public static final int LEAK_UNKNOWN = 6;
    /** A {@code --threshold} failed (run, compare: any variant, leak-check); the books balanced. */
    public static final int THRESHOLD_FAILED = 7;

    /** {@code quiver k8s collect}: a shard's pod failed, is missing, or left no readable report. */
    public static final int SHARDS_INCOMPLETE = 8;

    /** {@code quiver interop}: a case an engine supports did not pass. */
    public static final int INTEROP_FAILED = 5;
    /** Ctrl-C (SIGINT) before there was anything to report (128 + SIGINT, as a shell reports it). */
    public static final int INTERRUPTED = 130;
    /** SIGTERM before there was anything to report (128 + SIGTERM). */
    public static final int TERMINATED = 143;

    private ExitCode() {
    }
}
