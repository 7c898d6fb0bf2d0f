package dev.quiver.cli.report;

import dev.quiver.cli.compare.ComparisonResult;
import dev.quiver.core.report.LoadModel;
import dev.quiver.core.report.Units;
import dev.quiver.core.schedule.Workload;
import java.util.Locale;

/** The workload of a comparison in words, shared by the text and HTML reports. */
public final class CompareText {

    private CompareText() {
    }

    public static String workload(ComparisonResult c) {
        Workload w = c.spec().workload();
        StringBuilder b = new StringBuilder();
        b.append(w.ramp() != null ? RampReport.model(w.ramp()) : w.model() == LoadModel.OPEN
                ? String.format(Locale.ROOT, "open model, %.1f req/s", w.rate()) : "closed model");
        b.append(String.format(Locale.ROOT, ", %d connections x %d streams", w.connections(), w.streamsPerConnection()));
        if (w.streamsPerConnection() > 1) {
            b.append(String.format(Locale.ROOT, " (HTTP/1.1: %d connections, so every variant has %d requests in flight)",
                    c.inFlight(), c.inFlight()));
        }
        if (w.requests() > 0) {
            b.append(", -n ").append(w.requests());
        }
        if (w.duration() != null) {
            b.append(String.format(Locale.ROOT, ", -z %.1fs", Units.seconds(w.duration())));
        }
        if (!w.warmup().isZero()) {
            b.append(String.format(Locale.ROOT, ", --warmup %.1fs before each variant's first round", Units.seconds(w.warmup())));
        }
        b.append(", ").append(c.spec().requests().methods());
        b.append(c.rounds() > 1 ? ", " + c.rounds() + " rounds interleaved" : ", 1 round");
        if (c.interrupted()) {
            b.append("; stopped by ").append(c.stoppedBy().display());
        }
        return b.toString();
    }
}
