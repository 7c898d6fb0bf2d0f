package dev.quiver.cli.compare;

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
 * Adds the rounds of one variant into one run result: histograms added, counts summed, interval
 * samples laid end to end (each round's times shifted by the rounds before it).
 */
final class RoundMerge {

    private RoundMerge() {
    }

    static RunResult merge(List<RunResult> rounds) {
        if (rounds.size() == 1) {
            return rounds.get(0);
        }
        RunResult first = rounds.get(0);
        double duration = 0;
        long total = 0;
        long ok = 0;
        long failed = 0;
        long retried = 0;
        long aborted = 0;
        long opened = 0;
        long lost = 0;
        long connectFailures = 0;
        long goaways = 0;
        long bytesIn = 0;
        long bytesOut = 0;
        double creditWait = 0;
        int limitMin = -1;
        int limitMax = -1;
        List<IntervalSample> intervals = new ArrayList<>();
        for (RunResult r : rounds) {
            for (IntervalSample s : r.intervals()) {
                intervals.add(new IntervalSample(s.elapsedSeconds() + duration, s.completed(), s.failed(), s.rps(),
                        s.p50Millis(), s.p99Millis(), s.live()));
            }
            duration += r.durationSeconds();
            total += r.total();
            ok += r.ok();
            failed += r.failed();
            retried += r.retried();
            aborted += r.aborted();
            opened += r.connectionsOpened();
            lost += r.connectionsLost();
            connectFailures += r.connectFailures();
            goaways += r.goaways();
            bytesIn += r.bytesIn();
            bytesOut += r.bytesOut();
            creditWait += r.creditWaitMillis();
            if (r.peerStreamLimitMin() >= 0) {
                limitMin = limitMin < 0 ? r.peerStreamLimitMin() : Math.min(limitMin, r.peerStreamLimitMin());
                limitMax = Math.max(limitMax, r.peerStreamLimitMax());
            }
        }
        String stop = rounds.stream().anyMatch(r -> r.stopReason().equals("interrupted")) ? "interrupted" : first.stopReason();
        return new RunResult(first.target(), first.protocol(), first.alpn(), first.engine(), first.model(), first.parameters(),
                duration, total, ok, failed, retried, aborted,
                add(rounds, RunResult::latency), add(rounds, RunResult::firstByte), add(rounds, RunResult::connect),
                add(rounds, RunResult::tlsHandshake), add(rounds, RunResult::quicHandshake),
                sum(rounds, RunResult::status), sum(rounds, RunResult::errors), streams(rounds),
                opened, lost, connectFailures, goaways, limitMin, limitMax, creditWait, facts(rounds),
                bytesIn, bytesOut, intervals, stop);
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
