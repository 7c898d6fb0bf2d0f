package dev.quiver.core.report;

import static dev.quiver.core.report.TestRuns.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.quiver.core.ramp.Ramp;
import dev.quiver.core.ramp.RampKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A ramp and its intervals' targets through merges: shards side by side add up, rounds one after another keep theirs. */
class RampMergeTest {

    private static final long T0 = 1_700_000_000_000_000L;
    private static final Ramp WHOLE = Ramp.parse(RampKind.RATE, "2s:100->300,2s:300");

    /** A run of {@code ramp} starting at {@code start}: each interval offers the ramp's mean over it, and these connections. */
    private static RunResult ramped(long start, Ramp ramp, long connections) {
        RunResult plain = TestRuns.run(start, 4, 10, start, null);
        List<Interval> intervals = new ArrayList<>();
        for (Interval i : plain.intervals()) {
            long from = (i.startMicros() - start) * 1000;
            long to = (i.endMicros() - start) * 1000;
            intervals.add(new Interval(i.startMicros(), i.lengthMicros(), i.completed(), i.failed(), i.live(), i.p50Millis(),
                    i.p99Millis(), i.histograms(), new Offered(Math.round(ramp.integral(from, to)), connections, ramp.mean(from, to))));
        }
        return RunResult.builder().target(plain.target()).protocol(plain.protocol()).alpn(plain.alpn()).engine(plain.engine())
                .model(LoadModel.OPEN).parameters(plain.parameters()).window(plain.window()).requests(plain.requests())
                .histograms(plain.histograms()).status(plain.status()).errors(plain.errors()).streams(plain.streams())
                .connections(plain.connections()).intervals(intervals).ramp(ramp).build();
    }

    @Test
    void shardsSideBySideAddTheirStagesAndTheirIntervalsTargets() {
        List<Ramp> parts = WHOLE.split(3);
        RunResult merged = RunResult.merge(ramped(T0, parts.get(0), 2), ramped(T0 + 20_000, parts.get(1), 2),
                ramped(T0 + 40_000, parts.get(2), 3));

        assertEquals(WHOLE.stages().size(), merged.ramp().stages().size());
        for (int i = 0; i < WHOLE.stages().size(); i++) {
            assertEquals(WHOLE.stages().get(i).from(), merged.ramp().stages().get(i).from(), 1e-9);
            assertEquals(WHOLE.stages().get(i).to(), merged.ramp().stages().get(i).to(), 1e-9);
        }
        assertEquals(4, merged.intervals().size());
        assertEquals(150, merged.intervals().get(0).offered().target(), 1e-9, "the three shards' targets of the first second");
        assertEquals(300, merged.intervals().get(3).offered().target(), 1e-9);
        assertEquals(7, merged.intervals().get(2).offered().connections(), "connections open at the end, summed over shards");
        assertEquals(WHOLE.integral(0, 4 * SECOND * 1000), merged.intervals().stream().mapToLong(i -> i.offered().started()).sum(), 3);
    }

    @Test
    void roundsOneAfterAnotherKeepTheirRampAndTheirTargets() {
        RunResult merged = RunResult.merge(ramped(T0, WHOLE, 4), ramped(T0 + 10 * SECOND, WHOLE, 4));

        assertEquals(WHOLE, merged.ramp());
        assertEquals(8, merged.intervals().size());
        assertEquals(150, merged.intervals().get(4).offered().target(), 1e-9, "the second round's first second");
        assertEquals(4, merged.intervals().get(5).offered().connections());
    }

    @Test
    void roundsOfDifferentRampsHaveNoOneRamp() {
        RunResult merged = RunResult.merge(ramped(T0, WHOLE, 4), ramped(T0 + 10 * SECOND, WHOLE.scaled(2), 4));
        assertNull(merged.ramp());
    }

    @Test
    void joiningAnIntervalWithTheNextWeighsTheTargetsByLength() {
        RunResult r = ramped(T0, WHOLE, 4);
        Interval joined = r.intervals().get(0).join(r.intervals().get(1));
        assertEquals(200, joined.offered().target(), 1e-9, "the mean of 100 -> 300 over its first two seconds");
        assertEquals(400, joined.offered().started());
        assertEquals(4, joined.offered().connections());
    }
}
