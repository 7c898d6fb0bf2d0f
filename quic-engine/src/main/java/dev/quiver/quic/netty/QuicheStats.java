package dev.quiver.quic.netty;

import dev.quiver.core.engine.TransportSample;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicConnectionPathStats;
import io.netty.handler.codec.quic.QuicConnectionStats;
import io.netty.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A QUIC connection's figures as quiche counts them, read through Netty's
 * {@link QuicChannel#collectStats()} and {@link QuicChannel#collectPathStats(int)}. Called on the
 * channel's event loop, where both futures are complete when they return (Netty reads quiche at
 * once there): nothing waits. Netty keeps the connection statistics after the channel closed, but
 * not the path's, so the RTT and congestion window are there only before the close.
 */
final class QuicheStats {

    private QuicheStats() {
    }

    /** The connection's sample now; null when quiche has none (a connection never set up). */
    static TransportSample read(QuicChannel quic) {
        QuicConnectionStats s = now(quic.collectStats());
        if (s == null) {
            return null;
        }
        QuicConnectionPathStats path = activePath(quic, s.pathsCount());
        long srtt = path == null ? TransportSample.UNKNOWN : TimeUnit.NANOSECONDS.toMicros(path.rtt());
        long cwnd = path == null ? TransportSample.UNKNOWN : path.cwnd();
        return new TransportSample(TransportSample.Kind.QUIC, s.sent(), s.lost(), s.retrans(), s.streamRetransBytes(), srtt, cwnd);
    }

    /** The path in use (after a migration there are several); the first when none says it is active. */
    private static QuicConnectionPathStats activePath(QuicChannel quic, long paths) {
        QuicConnectionPathStats first = null;
        for (int i = 0; i < paths; i++) {
            QuicConnectionPathStats p = now(quic.collectPathStats(i));
            if (p != null && p.active()) {
                return p;
            }
            if (first == null) {
                first = p;
            }
        }
        return first;
    }

    /** The future's value if it is there now (never waits: the event loop must not block); null otherwise. */
    private static <T> T now(Future<T> f) {
        return f.isDone() && f.isSuccess() ? f.getNow() : null;
    }
}
