package dev.quiver.quic.kwik;

import dev.quiver.core.engine.TransportSample;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
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

    private static final QLog NONE = new NullQLog();

    private final Supplier<QLog> next;
    private volatile long windowBytes = TransportSample.UNKNOWN;

    CongestionWindowTap() {
        this(() -> NONE);
    }

    /** @param next the qlog every event goes on to, asked per event (a connection's qlog file is set late) */
    CongestionWindowTap(Supplier<QLog> next) {
        this.next = next;
    }

    /** The congestion window Kwik last reported, in bytes, or {@link TransportSample#UNKNOWN}. */
    long windowBytes() {
        return windowBytes;
    }

    @Override
    public void emitCongestionControlMetrics(long congestionWindow, long bytesInFlight) {
        windowBytes = congestionWindow;
        next.get().emitCongestionControlMetrics(congestionWindow, bytesInFlight);
    }

    @Override
    public void emitRecoveryMetrics(long congestionWindow, long bytesInFlight, int smoothedRtt, int rttVar, int latestRtt) {
        windowBytes = congestionWindow;
        next.get().emitRecoveryMetrics(congestionWindow, bytesInFlight, smoothedRtt, rttVar, latestRtt);
    }

    @Override
    public void emitConnectionCreatedEvent(Instant created) {
        next.get().emitConnectionCreatedEvent(created);
    }

    @Override
    public void emitPacketSentEvent(QuicPacket packet, Instant sent) {
        next.get().emitPacketSentEvent(packet, sent);
    }

    @Override
    public void emitPacketSentEvent(List<QuicPacket> packets, Instant sent) {
        next.get().emitPacketSentEvent(packets, sent);
    }

    @Override
    public void emitPacketReceivedEvent(QuicPacket packet, Instant received) {
        next.get().emitPacketReceivedEvent(packet, received);
    }

    @Override
    public void emitPacketLostEvent(QuicPacket packet, Instant lost) {
        next.get().emitPacketLostEvent(packet, lost);
    }

    @Override
    public void emitConnectionTerminatedEvent() {
        next.get().emitConnectionTerminatedEvent();
    }

    @Override
    public void emitRttMetrics(int smoothed, int variance, int latest) {
        next.get().emitRttMetrics(smoothed, variance, latest);
    }

    @Override
    public void emitConnectionClosedEvent(Instant closed) {
        next.get().emitConnectionClosedEvent(closed);
    }

    @Override
    public void emitConnectionClosedEvent(Instant closed, long code, String reason) {
        next.get().emitConnectionClosedEvent(closed, code, reason);
    }
}
