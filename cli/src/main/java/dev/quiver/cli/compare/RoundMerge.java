package dev.quiver.cli.compare;

import dev.quiver.cli.signal.StopSignals;
import dev.quiver.core.report.IntervalSample;
import dev.quiver.core.report.RunResult;
import dev.quiver.core.stats.ConnectionFactCounts;
import dev.quiver.core.stream.StreamState;
import dev.quiver.core.stream.TrackerCounts;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.HdrHistogram.Histogram;

/**
 * Adds a variant's rounds into one run result, one round at a time: histograms added, counts
 * summed, interval samples laid end to end (each round's times shifted by the rounds before it).
 */
final class RoundMerge {

    private RoundMerge() {
    }

    /** {@code sum} and {@code next} as one result; {@code next}'s interval times come after {@code sum}'s. */
    static RunResult add(RunResult sum, RunResult next) {
        List<RunResult> rounds = List.of(sum, next);
        List<IntervalSample> intervals = new ArrayList<>(sum.intervals());
        for (IntervalSample s : next.intervals()) {
            intervals.add(new IntervalSample(s.elapsedSeconds() + sum.durationSeconds(), s.completed(), s.failed(), s.rps(),
                    s.p50Millis(), s.p99Millis(), s.live()));
        }
        int limitMin = sum.peerStreamLimitMin() < 0 ? next.peerStreamLimitMin()
                : next.peerStreamLimitMin() < 0 ? sum.peerStreamLimitMin() : Math.min(sum.peerStreamLimitMin(), next.peerStreamLimitMin());
        // A round cut short by a signal is the last one; its reason says so for the whole variant.
        String stop = StopSignals.isSignalStop(next.stopReason()) ? next.stopReason() : sum.stopReason();
        return new RunResult(sum.target(), sum.protocol(), sum.alpn(), sum.engine(), sum.model(), sum.parameters(),
                sum.durationSeconds() + next.durationSeconds(), sum.total() + next.total(), sum.ok() + next.ok(),
                sum.failed() + next.failed(), sum.retried() + next.retried(), sum.aborted() + next.aborted(),
                add(rounds, RunResult::latency), add(rounds, RunResult::firstByte), add(rounds, RunResult::connect),
                add(rounds, RunResult::tlsHandshake), add(rounds, RunResult::quicHandshake),
                sum(rounds, RunResult::status), sum(rounds, RunResult::errors), streams(rounds),
                sum.connectionsOpened() + next.connectionsOpened(), sum.connectionsLost() + next.connectionsLost(),
                sum.connectFailures() + next.connectFailures(), sum(rounds, RunResult::connectErrors),
                sum.goaways() + next.goaways(),
                limitMin, Math.max(sum.peerStreamLimitMax(), next.peerStreamLimitMax()),
                sum.creditWaitMillis() + next.creditWaitMillis(), facts(rounds),
                sum.bytesIn() + next.bytesIn(), sum.bytesOut() + next.bytesOut(), intervals, stop);
    }

    private static Histogram add(List<RunResult> rounds, Function<RunResult, Histogram> which) {
        Histogram h = which.apply(rounds.get(0)).copy();
        for (int i = 1; i < rounds.size(); i++) {
            h.add(which.apply(rounds.get(i)));
        }
        return h;
    }

    /** Keys are statuses and bounded error categories, so the merged map stays as small as the rounds' maps. */
    private static Map<String, Long> sum(List<RunResult> rounds, Function<RunResult, Map<String, Long>> which) {
        Map<String, Long> m = new TreeMap<>();
        for (RunResult r : rounds) {
            which.apply(r).forEach((k, v) -> m.merge(k, v, Long::sum));
        }
        return m;
    }

    private static TrackerCounts streams(List<RunResult> rounds) {
        long opened = 0;
        long live = 0;
        long doubleTerminal = 0;
        long forced = 0;
        long registered = 0;
        long liveConnections = 0;
        Map<StreamState, Long> terminal = new EnumMap<>(StreamState.class);
        for (RunResult r : rounds) {
            TrackerCounts s = r.streams();
            opened += s.opened();
            live += s.live();
            doubleTerminal += s.doubleTerminal();
            forced += s.forcedByWatchdog();
            registered += s.connectionsRegistered();
            liveConnections += s.connectionsLive();
            for (StreamState st : StreamState.values()) {
                terminal.merge(st, s.terminal(st), Long::sum);
            }
        }
        return new TrackerCounts(opened, terminal, live, doubleTerminal, forced, registered, liveConnections);
    }

    private static ConnectionFactCounts.Summary facts(List<RunResult> rounds) {
        Map<String, Long> versions = new TreeMap<>();
        long resumed = 0;
        long earlyData = 0;
        long retry = 0;
        long unknown = 0;
        for (RunResult r : rounds) {
            var f = r.connectionFacts();
            f.quicVersions().forEach((k, v) -> versions.merge(k, v, Long::sum));
            resumed += f.resumed();
            earlyData += f.earlyData();
            retry += f.retry();
            unknown += f.unknownResumption();
        }
        return new ConnectionFactCounts.Summary(versions, resumed, earlyData, retry, unknown);
    }
}
