package dev.quiver.quic.kwik;

import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tech.kwik.core.frame.HandshakeDoneFrame;
import tech.kwik.core.frame.QuicFrame;
import tech.kwik.core.frame.ResetStreamFrame;
import tech.kwik.core.log.NullLogger;
import tech.kwik.core.packet.QuicPacket;

/**
 * The logger a Kwik connection gets: it drops every log line (Kwik must never write to stdout),
 * and taps facts Kwik offers nowhere else: the packets it parsed (for the peer's stream credit
 * and the server's HANDSHAKE_DONE) and the warning that shows a handshake has stalled.
 *
 * <p>The stall: Kwik 0.10.8 can process the server's first Initial (ServerHello) before its own
 * connect thread has finished sending the ClientHello; seen on a loaded 2-core machine against
 * Caddy on loopback. The handshake keys are then never installed, every Handshake packet of the
 * server is dropped with "Missing keys for encryption level Handshake", and the connect hangs
 * until its timeout. A few such drops in a row are the sign; a single one is ordinary reordering.
 */
final class KwikLogTap extends NullLogger {

    /** Handshake packets dropped for missing keys before the stall is called. */
    private static final int STALL_DROPS = 4;

    private final PeerStreamCredit credit;
    private final AtomicInteger handshakeDrops = new AtomicInteger();
    private volatile Runnable onStall = () -> { };
    private volatile StreamResetListener onStreamReset = (id, code) -> { };
    private final CountDownLatch confirmed = new CountDownLatch(1);

    KwikLogTap(PeerStreamCredit credit) {
        this.credit = credit;
    }

    /** Called once, on Kwik's receiver thread, when the handshake looks stalled. */
    void onHandshakeStall(Runnable listener) {
        this.onStall = listener;
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

    @Override
    public void received(Instant timeReceived, int datagram, QuicPacket packet) {
        if (packet != null) {
            credit.received(packet);
            for (QuicFrame f : packet.getFrames()) {
                if (f instanceof ResetStreamFrame r) {
                    onStreamReset.reset(r.getStreamId(), r.getErrorCode());
                }
            }
            if (confirmed.getCount() > 0) {
                for (QuicFrame f : packet.getFrames()) {
                    if (f instanceof HandshakeDoneFrame) {
                        confirmed.countDown();
                    }
                }
            }
        }
    }

    /**
     * Waits until the server confirmed the handshake (HANDSHAKE_DONE). Kwik's {@code connect}
     * returns when the client's side is finished, one flight earlier.
     *
     * @return false when it did not come within {@code millis}
     */
    boolean awaitConfirmed(long millis) throws InterruptedException {
        return confirmed.await(Math.max(0, millis), TimeUnit.MILLISECONDS);
    }

    @Override
    public void warn(String message) {
        if (message != null && message.contains("Missing keys for encryption level Handshake")
                && handshakeDrops.incrementAndGet() == STALL_DROPS) {
            onStall.run();
        }
    }
}
