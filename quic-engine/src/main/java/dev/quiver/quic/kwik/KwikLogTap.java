package dev.quiver.quic.kwik;

import java.time.Instant;
import tech.kwik.core.frame.QuicFrame;
import tech.kwik.core.frame.ResetStreamFrame;
import tech.kwik.core.log.QLog;
import tech.kwik.core.packet.QuicPacket;

/**
 * The logger a load connection gets: besides what every {@link HandshakeTap} sees, it taps facts
 * Kwik offers nowhere else from the packets it parsed: the peer's stream credit and the error
 * codes of its RESET_STREAM frames; and, from its qlog events, the congestion window.
 */
final class KwikLogTap extends HandshakeTap {

    private final PeerStreamCredit credit;
    private final CongestionWindowTap congestionWindow = new CongestionWindowTap(this::connectionQlog);
    private volatile StreamResetListener onStreamReset = (id, code) -> { };

    KwikLogTap(PeerStreamCredit credit) {
        this.credit = credit;
    }

    /** The peer reset one of its sending streams: its id and application error code. */
    interface StreamResetListener {
        void reset(int streamId, long errorCode);
    }

    /**
     * Called on Kwik's receiver thread for every RESET_STREAM, before Kwik processes it: Kwik tells
     * a reader only "Stream reset by peer", without the code that says whether the server rejected
     * the request (H3_REQUEST_REJECTED, safe to retry) or failed it.
     */
    void onStreamReset(StreamResetListener listener) {
        this.onStreamReset = listener;
    }

    /** The congestion window Kwik last reported, in bytes, or {@link dev.quiver.core.engine.TransportSample#UNKNOWN}. */
    long congestionWindowBytes() {
        return congestionWindow.windowBytes();
    }

    /** One sink for the connection's life, passing every event on to the connection's qlog (if it has one). */
    @Override
    public QLog getQLog() {
        return congestionWindow;
    }

    @Override
    public void received(Instant timeReceived, int datagram, QuicPacket packet) {
        super.received(timeReceived, datagram, packet);
        if (packet != null) {
            credit.received(packet);
            for (QuicFrame f : packet.getFrames()) {
                if (f instanceof ResetStreamFrame r) {
                    onStreamReset.reset(r.getStreamId(), r.getErrorCode());
                }
            }
        }
    }
}
