package dev.quiver.quic.kwik;

import dev.quiver.core.engine.TransportSample;
import java.time.Instant;
import java.util.List;
import tech.kwik.core.log.NullQLog;
import tech.kwik.core.log.QLog;
import tech.kwik.core.packet.QuicPacket;

/**
 * The qlog sink a load connection's logger hands Kwik: it keeps the latest congestion window, which
 * Kwik 0.10.8 offers nowhere else (its congestion controller sits behind a protected accessor), and
 * passes every event on to {@code next} (Kwik's do-nothing qlog unless a real one is given). Kwik's
 * recovery manager reports the window on every packet sent and every ACK; keeping it is one store.
 */
final class CongestionWindowTap implements QLog {

    private final QLog next;
    private volatile long windowBytes = TransportSample.UNKNOWN;

    CongestionWindowTap() {
        this(new NullQLog());
    }

    CongestionWindowTap(QLog next) {
        this.next = next;
    }

    /** The congestion window Kwik last reported, in bytes, or {@link TransportSample#UNKNOWN}. */
    long windowBytes() {
        return windowBytes;
    }

    @Override
    public void emitCongestionControlMetrics(long congestionWindow, long bytesInFlight) {
        windowBytes = congestionWindow;
        next.emitCongestionControlMetrics(congestionWindow, bytesInFlight);
    }

    @Override
    public void emitRecoveryMetrics(long congestionWindow, long bytesInFlight, int smoothedRtt, int rttVar, int latestRtt) {
        windowBytes = congestionWindow;
        next.emitRecoveryMetrics(congestionWindow, bytesInFlight, smoothedRtt, rttVar, latestRtt);
    }

    @Override
    public void emitConnectionCreatedEvent(Instant created) {
        next.emitConnectionCreatedEvent(created);
    }

    @Override
    public void emitPacketSentEvent(QuicPacket packet, Instant sent) {
        next.emitPacketSentEvent(packet, sent);
    }

    @Override
    public void emitPacketSentEvent(List<QuicPacket> packets, Instant sent) {
        next.emitPacketSentEvent(packets, sent);
    }

    @Override
    public void emitPacketReceivedEvent(QuicPacket packet, Instant received) {
        next.emitPacketReceivedEvent(packet, received);
    }

    @Override
    public void emitPacketLostEvent(QuicPacket packet, Instant lost) {
        next.emitPacketLostEvent(packet, lost);
    }

    @Override
    public void emitConnectionTerminatedEvent() {
        next.emitConnectionTerminatedEvent();
    }

    @Override
    public void emitRttMetrics(int smoothed, int variance, int latest) {
        next.emitRttMetrics(smoothed, variance, latest);
    }

    @Override
    public void emitConnectionClosedEvent(Instant closed) {
        next.emitConnectionClosedEvent(closed);
    }

    @Override
    public void emitConnectionClosedEvent(Instant closed, long code, String reason) {
        next.emitConnectionClosedEvent(closed, code, reason);
    }
}
