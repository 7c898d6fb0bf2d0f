package dev.quiver.cli.debug;

import picocli.CommandLine.Option;

/** {@code --debug}, mixed into every client command. */
public final class DebugOption {

    @Option(names = "--debug",
            description = "Show stack traces of internal errors and the network libraries' own log lines (as QUIVER_DEBUG=1 does).")
    void debug(boolean enabled) {
        if (enabled) {
            Debug.enable();
        }
    }
}
