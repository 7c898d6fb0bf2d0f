package dev.quiver.core.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.core.ramp.Ramp;
import dev.quiver.core.ramp.RampKind;
import dev.quiver.core.report.LoadModel;
import dev.quiver.core.schedule.Workload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShardSplitTest {

    private static List<Workload> split(Workload w, int count) {
        List<Workload> parts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            parts.add(new ShardSplit(new Shard(i, count)).part(w));
        }
        return parts;
    }

    @Test
    void countsConnectionsAndWholeRatesAddUpWithTheRemainderToTheFirstShards() {
        Workload w = new Workload(50, 4, 1003, Duration.ofSeconds(60), 20_003, Duration.ofSeconds(5), Duration.ofSeconds(2));
        List<Workload> parts = split(w, 8);
        assertEquals(List.of(7L, 7L, 6L, 6L, 6L, 6L, 6L, 6L), parts.stream().map(p -> (long) p.connections()).toList());
        assertEquals(List.of(126L, 126L, 126L, 125L, 125L, 125L, 125L, 125L), parts.stream().map(Workload::requests).toList());
        assertEquals(List.of(2501.0, 2501.0, 2501.0, 2500.0, 2500.0, 2500.0, 2500.0, 2500.0),
                parts.stream().map(Workload::rate).toList());
        assertEquals(50, parts.stream().mapToInt(Workload::connections).sum());
        assertEquals(1003, parts.stream().mapToLong(Workload::requests).sum());
        assertEquals(20_003.0, parts.stream().mapToDouble(Workload::rate).sum());
        for (Workload p : parts) {
            // every shard's own: how long, how patient, how many streams, how long a warm-up
            assertEquals(w.duration(), p.duration());
            assertEquals(w.timeout(), p.timeout());
            assertEquals(w.streamsPerConnection(), p.streamsPerConnection());
            assertEquals(w.warmup(), p.warmup());
            assertEquals(LoadModel.OPEN, p.model());
        }
    }

    @Test
    void aRateWithAFractionOrBelowOnePerShardSplitsIntoEqualParts() {
        List<Workload> parts = split(new Workload(8, 1, 0, Duration.ofSeconds(10), 2.5, Duration.ZERO), 4);
        parts.forEach(p -> assertEquals(0.625, p.rate()));
        List<Workload> few = split(new Workload(8, 1, 0, Duration.ofSeconds(10), 3, Duration.ZERO), 4);
        few.forEach(p -> assertEquals(0.75, p.rate()));
        few.forEach(p -> assertEquals(LoadModel.OPEN, p.model()));
    }

    @Test
    void theClosedModelStaysClosedAndADurationOnlyRunHasNoCount() {
        List<Workload> parts = split(new Workload(10, 1, 0, Duration.ofSeconds(10), 0, Duration.ZERO), 3);
        assertEquals(List.of(4, 3, 3), parts.stream().map(Workload::connections).toList());
        parts.forEach(p -> assertEquals(0, p.requests()));
        parts.forEach(p -> assertEquals(LoadModel.CLOSED, p.model()));
    }

    @Test
    void aRampIsDividedAsItsSplitDividesIt() {
        Ramp rate = Ramp.parse(RampKind.RATE, "10s:0->1000,20s:1000");
        List<Workload> rated = split(new Workload(8, 1, 0, Duration.ofSeconds(30), 0, Duration.ZERO, Duration.ZERO, rate), 4);
        rated.forEach(p -> assertEquals(rate.scaled(0.25), p.ramp()));
        Ramp users = Ramp.parse(RampKind.CONNECTIONS, "10s:2->10,20s:10");
        List<Workload> closed = split(new Workload(10, 1, 0, Duration.ofSeconds(30), 0, Duration.ZERO, Duration.ZERO, users), 4);
        assertEquals(List.of(3, 3, 2, 2), closed.stream().map(Workload::connections).toList());
        for (int i = 0; i < 4; i++) {
            assertEquals(users.split(4).get(i), closed.get(i).ramp());
            assertEquals(closed.get(i).connections(), (int) closed.get(i).ramp().max(), "a connection ramp's shard keeps its own highest stage");
        }
    }

    @Test
    void oneShardIsTheWholeWorkload() {
        Workload w = new Workload(7, 2, 99, null, 13, Duration.ofSeconds(1));
        assertEquals(w, new ShardSplit(new Shard(0, 1)).part(w));
    }

    @Test
    void refusesAnEmptyPart() {
        Workload fewConnections = new Workload(3, 1, 100, null, 0, Duration.ZERO);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ShardSplit(new Shard(3, 4)).part(fewConnections));
        assertTrue(e.getMessage().contains("-c 3 cannot be split into 4 shards"), e.getMessage());
        Workload fewRequests = new Workload(8, 1, 3, null, 0, Duration.ZERO);
        e = assertThrows(IllegalArgumentException.class, () -> new ShardSplit(new Shard(0, 4)).part(fewRequests));
        assertTrue(e.getMessage().contains("-n 3 cannot be split into 4 shards"), e.getMessage());
    }

    @Test
    void shardsAreNumberedFromZero() {
        assertEquals(new Shard(0, 4), Shard.parse("0/4"));
        assertEquals(new Shard(3, 4), Shard.parse(" 3 / 4 "));
        assertEquals("2/8", Shard.parse("2/8").toString());
        for (String bad : new String[] {"4/4", "-1/4", "1/0", "1", "a/b", "1/2/3", "", "0/" + (Shard.MAX_COUNT + 1)}) {
            assertThrows(IllegalArgumentException.class, () -> Shard.parse(bad), bad);
        }
    }
}
