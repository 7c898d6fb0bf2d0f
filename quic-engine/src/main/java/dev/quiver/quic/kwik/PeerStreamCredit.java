package dev.quiver.quic.kwik;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import tech.kwik.core.QuicClientConnection;
import tech.kwik.core.frame.MaxStreamsFrame;
import tech.kwik.core.frame.QuicFrame;
import tech.kwik.core.packet.QuicPacket;

/**
 * The peer's bidirectional stream credit (QUIC MAX_STREAMS), as far as it can be seen from outside
 * Kwik: Kwik has no public getter for it, but hands every parsed packet to its {@link
 * tech.kwik.core.log.Logger}, whatever the log flags. {@link KwikLogTap} passes the packets here;
 * this looks only for MAX_STREAMS (bidi) frames. It runs on Kwik's receiver thread, so it is kept
 * cheap: one atomic max per frame.
 */
final class PeerStreamCredit {

    /** Unknown until the handshake gave the initial value. */
    static final long UNKNOWN = -1;

    private final AtomicLong maxBidi = new AtomicLong(UNKNOWN);
    private volatile LongConsumer onRaise = v -> { };

    /** The cumulative number of bidirectional streams the peer allows this client to open. */
    long maxBidirectional() {
        return maxBidi.get();
    }

    /**
     * Takes the initial_max_streams_bidi transport parameter from a connected Kwik connection.
     * Kwik offers it only on its implementation class, whose signatures need Kwik's TLS library at
     * compile time; reflection keeps that out of the build. If it cannot be read, the first
     * MAX_STREAMS frame gives the limit, and until then it is unknown.
     */
    void initialFrom(QuicClientConnection connection) {
        try {
            Object params = connection.getClass().getMethod("getPeerTransportParameters").invoke(connection);
            if (params != null) {
                Object v = params.getClass().getMethod("getInitialMaxStreamsBidi").invoke(params);
                raise(((Number) v).longValue());
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // left unknown
        }
    }

    /** Called (on Kwik's receiver thread) whenever the peer raised the limit after the handshake. */
    void onRaise(LongConsumer listener) {
        this.onRaise = listener;
    }

    /** A packet Kwik parsed (on Kwik's receiver thread). */
    void received(QuicPacket packet) {
        for (QuicFrame f : packet.getFrames()) {
            if (f instanceof MaxStreamsFrame m && m.isAppliesToBidirectional()) {
                if (raise(m.getMaxStreams())) {
                    onRaise.accept(m.getMaxStreams());
                }
            }
        }
    }

    private boolean raise(long value) {
        long prev = maxBidi.getAndAccumulate(value, Math::max);
        return value > prev;
    }
}
