package dev.quiver.core.schedule;

import dev.quiver.core.engine.Connection;
import dev.quiver.core.engine.Protocol;
import dev.quiver.core.report.ClientBound;
import dev.quiver.core.report.Histograms;
import dev.quiver.core.report.Metric;
import dev.quiver.core.report.RunResult;
import dev.quiver.core.report.StopReason;
import dev.quiver.core.report.Units;
import dev.quiver.core.report.Warmup;
import dev.quiver.core.stats.IntervalReporter;
import dev.quiver.core.stats.RunStatistics;
import dev.quiver.core.stream.TrackerCounts;
import java.util.EnumMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** Turns what a finished run recorded into its {@link RunResult}: the one place a run's result is put together. */
final class RunResultAssembler {

    private RunResultAssembler() {
    }

    /**
     * @param first the first connection that became ready (it says which protocol ran), or null
     * @param loadNanos from the start of the load to its end
     * @param stoppedEarly why the run was stopped before its count or duration ran out (a signal), or null
     * @param warmup what the warm-up did, {@link Warmup#NONE} for none
     * @param clientBound quiver's own load during the measured part
     */
    static RunResult assemble(RunSpec spec, String engine, Connection first, RunStatistics stats, TrackerCounts streams,
                              IntervalReporter reporter, long loadNanos, StopReason stoppedEarly, Warmup warmup,
                              ClientBound clientBound) {
        Workload w = spec.workload();
        long finished = stats.finished();
        StopReason stop = stoppedEarly != null ? stoppedEarly
                : w.duration() != null && (w.requests() == 0 || finished < w.requests()) ? StopReason.DURATION : StopReason.COUNT;
        Map<Metric, Histogram> totals = new EnumMap<>(Metric.class);
        for (Metric m : Metric.values()) {
            // What was recorded after the last interval (a connect that ended while the run closed) counts too.
            totals.put(m, stats.recorders(m).takeIntervalAndTotal());
        }
        return RunResult.builder()
                .target(spec.target().url())
                .protocol(first != null ? first.protocol() : requested(spec))
                .alpn(first != null ? first.alpn() : "")
                .engine(engine)
                .model(w.model())
                .parameters(new RunResult.Parameters(w.connections(), w.streamsPerConnection(), w.requests(),
                        w.duration() == null ? 0 : Units.seconds(w.duration()), w.rate(),
                        Units.seconds(w.timeout()), spec.requests().methods(), w.maxConnecting()))
                .window(new RunResult.Window(reporter.startMicros(), Math.max(0, loadNanos) / 1000, reporter.intervalMicros(), stop))
                .requests(stats.ok(), stats.failed(), stats.retried(), stats.aborted())
                .histograms(Histograms.of(totals))
                .status(stats.status())
                .errors(stats.errors())
                .streams(streams)
                .connections(new RunResult.Connections(stats.connectionsOpened(), stats.connectionsLost(),
                        stats.connectFailures(), stats.goawaysReceived(), stats.peerStreamLimitMin(),
                        stats.peerStreamLimitMax(), Units.millisFromNanos(stats.creditWaitNanos()),
                        stats.connectionFacts(), stats.connectErrors()))
                .bytes(stats.bytesIn(), stats.bytesOut())
                .transport(stats.transport())
                .intervals(reporter.intervals())
                .warmup(warmup)
                .clientBound(clientBound)
                .ramp(w.ramp())
                .perRequest(stats.perRequest())
                .build();
    }

    /** The protocol asked for, or the URL's default, when no connection ever said which one ran. */
    private static Protocol requested(RunSpec spec) {
        return spec.protocol() != null ? spec.protocol() : spec.target().tls() ? Protocol.HTTP_2 : Protocol.HTTP_1_1;
    }
}
