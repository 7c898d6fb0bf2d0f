package dev.quiver.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.quiver.core.engine.TransportSample.Kind;
import dev.quiver.core.engine.TransportSample;
import dev.quiver.core.report.TransportStats;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class TransportCountsTest {

    private static final long U = TransportSample.UNKNOWN;

    @Test
    void nothingRecordedIsNoTransportAtAll() {
        TransportStats t = new TransportCounts().summary();
        assertNull(t.kind());
        assertEquals(0, t.connections());
        assertNull(t.packetsSent());
        assertNull(t.retransmits());
        assertEquals(0, t.srttMicros().getTotalCount());
        assertEquals(0, t.cwndBytes().getTotalCount());
    }

    @Test
    void sumsOverConnectionsAndOneValuePerConnectionInTheHistograms() {
        TransportCounts counts = new TransportCounts();
        counts.record(new TransportSample(Kind.QUIC, 1_000, 3, 2, 2_400, 12_000, 14_720));
        counts.record(new TransportSample(Kind.QUIC, 500, 0, 0, 0, 40_000, 30_000));
        counts.record(new TransportSample(Kind.QUIC, 250, 1, 1, 1_200, 20_000, 20_000));
        TransportStats t = counts.summary();
        assertEquals(Kind.QUIC, t.kind());
        assertEquals(3, t.connections());
        assertEquals(1_750L, t.packetsSent());
        assertEquals(4L, t.packetsLost());
        assertEquals(3L, t.retransmits());
        assertEquals(3_600L, t.retransmittedBytes());
        assertEquals(3, t.srttMicros().getTotalCount());
        assertEquals(20_000, t.srttMicros().getValueAtPercentile(50), 20);
        assertEquals(40_000, t.srttMicros().getMaxValue(), 40);
        assertEquals(20_000, t.cwndBytes().getValueAtPercentile(50), 20);
    }

    @Test
    void aFigureTheStackDoesNotOfferIsNullNotZero() {
        TransportCounts counts = new TransportCounts();
        counts.record(TransportSample.tcp(0, 50, 43_690));
        counts.record(TransportSample.tcp(2, 70, 65_536));
        TransportStats t = counts.summary();
        assertEquals(Kind.TCP, t.kind());
        assertNull(t.packetsSent(), "TCP_INFO as read has no packet count");
        assertNull(t.packetsLost());
        assertNull(t.retransmittedBytes());
        assertEquals(2L, t.retransmits(), "zero retransmits is a count, and the sum is known");
        assertEquals(2, t.cwndBytes().getTotalCount());
    }

    @Test
    void aFigureSomeConnectionsLackCountsOnlyWhereKnown() {
        TransportCounts counts = new TransportCounts();
        counts.record(new TransportSample(Kind.QUIC, 100, 1, U, U, U, U)); // read after the path was gone
        counts.record(new TransportSample(Kind.QUIC, 200, 2, U, U, 30_000, 12_000));
        TransportStats t = counts.summary();
        assertEquals(2, t.connections());
        assertEquals(300L, t.packetsSent());
        assertNull(t.retransmits());
        assertEquals(1, t.srttMicros().getTotalCount(), "only the connection that had a path RTT");
    }

    @Test
    void summariesTakenAgainKeepEverything() {
        TransportCounts counts = new TransportCounts();
        counts.record(TransportSample.tcp(1, 100, 1_000));
        assertEquals(1, counts.summary().srttMicros().getTotalCount());
        counts.record(TransportSample.tcp(1, 200, 2_000));
        TransportStats t = counts.summary();
        assertEquals(2, t.srttMicros().getTotalCount(), "the histograms accumulate over takes");
        assertEquals(2L, t.retransmits());
    }

    @Test
    void manyThreadsRecordingLoseNothing() throws Exception {
        TransportCounts counts = new TransportCounts();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int j = 0; j < 1_000; j++) {
                    counts.record(new TransportSample(Kind.QUIC, 10, 1, 1, 100, 1_000 + j, 12_000));
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        TransportStats t = counts.summary();
        assertEquals(4_000, t.connections());
        assertEquals(40_000L, t.packetsSent());
        assertEquals(4_000, t.srttMicros().getTotalCount());
        assertEquals(4_000, t.cwndBytes().getTotalCount());
    }

    @Test
    void aSampleRefusesNegativeFigures() {
        assertThrows(IllegalArgumentException.class, () -> new TransportSample(Kind.QUIC, -2, 0, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new TransportSample(null, 0, 0, 0, 0, 0, 0));
        assertEquals(Kind.TCP, Kind.parse("tcp"));
        assertThrows(IllegalArgumentException.class, () -> Kind.parse("sctp"));
    }
}
