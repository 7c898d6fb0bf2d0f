package dev.quiver.cli.compare;

import dev.quiver.cli.command.LoadRunner;
import dev.quiver.cli.progress.ProgressBoard;
import dev.quiver.cli.signal.StopSignals;
import dev.quiver.core.engine.Protocol;
import dev.quiver.core.engine.QlogFiles;
import dev.quiver.core.ramp.Ramp;
import dev.quiver.core.ramp.RampKind;
import dev.quiver.core.report.RunResult;
import dev.quiver.core.report.StopReason;
import dev.quiver.core.report.Units;
import dev.quiver.core.schedule.RunSpec;
import dev.quiver.core.schedule.TargetUnreachableException;
import dev.quiver.core.schedule.Workload;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs the same workload over every variant. Rounds are interleaved (A B C A B C ...) so that a
 * noisy machine's drift hits every variant alike. A variant whose first connection cannot be
 * opened is marked failed and skipped in later rounds; the others go on.
 */
public final class Comparison {

    private Comparison() {
    }

    /**
     * @param base the workload as the user gave it; its protocol is replaced by each variant's
     * @param progress one line per variant, or null for none
     */
    public static ComparisonResult run(List<Variant> variants, RunSpec base, int rounds, ProgressBoard progress) {
        int n = variants.size();
        List<List<Round>> kept = new ArrayList<>();
        RunResult[] merged = new RunResult[n];
        String[] failures = new String[n];
        for (int i = 0; i < n; i++) {
            kept.add(new ArrayList<>());
        }
        Instant started = Instant.now();
        boolean interrupted = false;
        for (int round = 1; round <= rounds && !interrupted; round++) {
            for (int i = 0; i < n && !interrupted; i++) {
                if (failures[i] != null) {
                    continue;
                }
                if (LoadRunner.stopRequested()) {
                    interrupted = true;
                    break;
                }
                Variant v = variants.get(i);
                String label = rounds > 1 ? v.label() + " round " + round + "/" + rounds : v.label();
                long cpuBefore = ProcessCpu.nanos();
                // A variant warms up before its first round only: the JIT and the server stay warm after.
                RunSpec spec = specFor(base, v.protocol());
                if (!kept.get(i).isEmpty()) {
                    spec = withoutWarmup(spec);
                }
                try {
                    RunResult r = LoadRunner.run(spec, v.engine(),
                            progress == null ? null : progress.line(i, label, base.workload()));
                    long cpuAfter = ProcessCpu.nanos();
                    kept.get(i).add(Round.of(r, cpuBefore < 0 || cpuAfter < 0 ? -1 : (cpuAfter - cpuBefore) / 1e9));
                    merged[i] = merged[i] == null ? r : RunResult.merge(merged[i], r);
                    interrupted = r.stopReason().stoppedEarly() || LoadRunner.stopRequested();
                    if (progress != null) {
                        progress.done(i, String.format(Locale.ROOT, "%s done  requests %d  %.0f req/s  p99 %.2f ms  errors %d",
                                label, r.requests().total(), r.rps(), r.histograms().latency().getTotalCount() == 0 ? 0
                                        : Units.percentileMillis(r.histograms().latency(), 99), r.requests().failed()));
                    }
                } catch (TargetUnreachableException e) {
                    if (LoadRunner.stopRequested()) {
                        // Ctrl-C or SIGTERM while the first connection was opening: not a failure of the variant
                        interrupted = true;
                        break;
                    }
                    failures[i] = e.getMessage() + (round > 1 ? " (round " + round + ")" : "");
                    if (progress != null) {
                        progress.done(i, v.label() + " failed: " + failures[i]);
                    }
                }
            }
        }
        if (progress != null) {
            progress.finish();
        }
        List<VariantResult> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new VariantResult(variants.get(i), kept.get(i), merged[i], failures[i]));
        }
        return new ComparisonResult(base, rounds, out, started, interrupted ? stoppedBy() : null);
    }

    /** The signal that stopped the comparison; Ctrl-C when a run stopped without one (it cannot today). */
    private static StopSignals.Kind stoppedBy() {
        StopSignals.Kind k = StopSignals.received();
        return k != null ? k : StopSignals.Kind.INT;
    }

    private static RunSpec withoutWarmup(RunSpec s) {
        return new RunSpec(s.target(), s.protocol(), s.insecure(), s.requests(), s.workload().withWarmup(Duration.ZERO),
                s.connectTimeout(), s.ioThreads(), s.reportInterval(), QlogFiles.OFF, s.busyPoll());
    }

    /**
     * The run for one protocol. HTTP/1.1 has one request in flight per connection, so it gets
     * {@code -c x -p} connections: every variant keeps the same number of requests in flight.
     */
    public static RunSpec specFor(RunSpec base, Protocol protocol) {
        Workload w = base.workload();
        if (protocol == Protocol.HTTP_1_1 && w.streamsPerConnection() > 1) {
            w = new Workload(Math.multiplyExact(w.connections(), w.streamsPerConnection()), 1, w.requests(), w.duration(), w.rate(),
                    w.timeout(), w.warmup(), connectionsTimes(w.ramp(), w.streamsPerConnection()), w.maxConnecting());
        }
        return new RunSpec(base.target(), protocol, base.insecure(), base.requests(), w, base.connectTimeout(),
                base.ioThreads(), base.reportInterval(), base.qlog(), base.busyPoll());
    }

    /** A connection ramp's counts times {@code factor}; a rate ramp (or none) as it is. */
    private static Ramp connectionsTimes(Ramp ramp, int factor) {
        return ramp != null && ramp.kind() == RampKind.CONNECTIONS ? ramp.scaled(factor) : ramp;
    }
}
