package dev.quiver.cli.options;

import dev.quiver.cli.UsageException;
import dev.quiver.core.threshold.Threshold;
import dev.quiver.core.threshold.Thresholds;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --threshold COND} (repeatable) and {@code --threshold-abort}: conditions a run must meet, exit 7 when one does not. */
public final class ThresholdOptions {

    @Option(names = "--threshold", paramLabel = "COND",
            description = "A condition the run must meet, else exit 7; repeatable. FIGURE OP VALUE, OP one of < <= > >=: "
                    + "p99<50ms, p99.9<=1s, max<2s, mean<10ms (latency), first_byte.p99<20ms, connect.p99, tls_handshake.p99, "
                    + "quic_handshake.p99; rps>1900; error_rate<0.1%%; success_rate>99.9%%; errors<10; errors{timed_out}<1 "
                    + "(a category, or a kind: every category of it); client_bound==false.")
    List<String> texts = new ArrayList<>();

    @Option(names = "--threshold-abort",
            description = "End the run as soon as a threshold can no longer pass (a count already over; a rate or percentile "
                    + "already over against the most requests -n or -q x -z allows); the report still prints, stop reason threshold.")
    boolean abort;

    /** The thresholds, read before any load; one line naming the bad one otherwise. */
    public List<Threshold> thresholds() {
        try {
            List<Threshold> list = Thresholds.parse(texts);
            if (abort && list.isEmpty()) {
                throw new UsageException("--threshold-abort needs at least one --threshold");
            }
            return list;
        } catch (IllegalArgumentException e) {
            // "threshold 'p99<5': ..." becomes "--threshold 'p99<5': ..."
            throw new UsageException("--" + e.getMessage());
        }
    }

    /** Whether the run ends as soon as a threshold can no longer pass. */
    public boolean abort() {
        return abort;
    }
}
