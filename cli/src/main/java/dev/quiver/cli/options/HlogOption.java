package dev.quiver.cli.options;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --hlog FILE}: the run's intervals as an HdrHistogram interval log. */
public final class HlogOption {

    @Option(names = "--hlog", paramLabel = "FILE",
            description = "Also write the run's latency histograms per interval as an HdrHistogram interval log "
                    + "(HistogramLogWriter's format, values in microseconds; first-byte histograms tagged first_byte).")
    Path file;

    /** The file asked for, or null. */
    public Path file() {
        return file;
    }
}
