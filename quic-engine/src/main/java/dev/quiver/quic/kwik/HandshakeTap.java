package dev.quiver.quic.kwik;

import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tech.kwik.core.frame.HandshakeDoneFrame;
import tech.kwik.core.frame.QuicFrame;
import tech.kwik.core.log.NullLogger;
import tech.kwik.core.log.NullQLog;
import tech.kwik.core.log.QLog;
import tech.kwik.core.packet.QuicPacket;

/**
 * What every quiver logger on a Kwik connection does: it drops every log line (Kwik must never
 * write to stdout), sees when the server confirmed the handshake, and sees when it stalled.
 *
 * <p>The stall: Kwik 0.10.8 can process the server's first Initial (ServerHello) before its own
 * connect thread has finished sending the ClientHello; seen on a loaded 2-core machine against
 * Caddy on loopback. The handshake keys are then never installed, every Handshake packet of the
 * server is dropped with "Missing keys for encryption level Handshake", and the connect hangs
 * until its timeout. A few such drops after the server's Initial with its ServerHello arrived are
 * the sign; a single one is ordinary reordering, and drops before that Initial arrived are ordinary
 * loss (on a lossy link the server's first Initial can be lost while its Handshake packets come).
 * The cure is a fresh connection attempt.
 */
public class HandshakeTap extends NullLogger {

    /** Handshake packets dropped for missing keys before the stall is called. */
    private static final int STALL_DROPS = 4;

    private final AtomicInteger handshakeDrops = new AtomicInteger();
    /** The server's Initial with CRYPTO data (its ServerHello) was received: from then on, missing keys are the stall. */
    private volatile boolean serverHelloReceived;
    private volatile Runnable onStall = () -> { };
    /** Opened by HANDSHAKE_DONE, or by the end of the connection (then {@link #confirmed} stays false). */
    private final CountDownLatch handshakeOver = new CountDownLatch(1);
    private volatile boolean confirmed;
    private volatile boolean ended;
    /** Kwik's latest error line, bounded: why a handshake failed when Kwik's own message is empty. */
    private volatile String lastError;
    /** Kwik aborted the connection for an exception of its own (not for anything the server said). */
    private volatile boolean internalFault;

    /** What Kwik gets without {@code --qlog}: one for all (NullLogger makes a new one per event). */
    private static final QLog NO_QLOG = new NullQLog();

    /** The connection's qlog, or null: Kwik's own is a no-op on a client connection. */
    private volatile KwikQlog qlog;

    protected HandshakeTap() {
    }

    /** Writes this connection's qlog to {@code q}; set before Kwik builds the connection. */
    public final void qlog(KwikQlog q) {
        this.qlog = q;
    }

    /** Kwik asks for it on every event it logs: packets sent and lost, metrics, the close. */
    @Override
    public QLog getQLog() {
        return connectionQlog();
    }

    /** The connection's qlog file, or a sink that drops everything without {@code --qlog}. */
    protected final QLog connectionQlog() {
        KwikQlog q = qlog;
        return q != null ? q : NO_QLOG;
    }

    /** Called once, on Kwik's receiver thread, when the handshake looks stalled. */
    public final void onHandshakeStall(Runnable listener) {
        this.onStall = listener;
    }

    /** Whether the handshake looked stalled at some point. */
    public final boolean handshakeStalled() {
        return handshakeDrops.get() >= STALL_DROPS;
    }

    /**
     * Waits until the server confirmed the handshake (HANDSHAKE_DONE). Kwik's {@code connect}
     * returns when the client's side is finished, one flight earlier.
     *
     * @return false when it did not come within {@code millis}, or the connection ended first
     */
    public final boolean awaitConfirmed(long millis) throws InterruptedException {
        handshakeOver.await(Math.max(0, millis), TimeUnit.MILLISECONDS);
        return confirmed;
    }

    /** The connection ended (Kwik's "terminated"): a wait for HANDSHAKE_DONE ends now, unconfirmed. */
    public final void connectionEnded() {
        ended = true;
        handshakeOver.countDown();
    }

    /** Ends the connection's qlog file, if it has one: Kwik's client never says it is done with it. */
    public final void closeQlog() {
        KwikQlog q = qlog;
        if (q != null) {
            q.close();
        }
    }

    /** Whether the connection ended (before or after HANDSHAKE_DONE). */
    public final boolean hasEnded() {
        return ended;
    }

    /** Subclasses that look at packets too call this first. */
    @Override
    public void received(Instant timeReceived, int datagram, QuicPacket packet) {
        KwikQlog q = qlog;
        if (q != null && packet != null) {
            q.packetReceived(packet, timeReceived);
        }
        if (packet instanceof tech.kwik.core.packet.InitialPacket && !serverHelloReceived) {
            serverHelloReceived = packet.getFrames().stream().anyMatch(f -> f instanceof tech.kwik.core.frame.CryptoFrame);
        }
        if (packet != null && !confirmed) {
            for (QuicFrame f : packet.getFrames()) {
                if (f instanceof HandshakeDoneFrame) {
                    confirmed = true;
                    handshakeOver.countDown();
                }
            }
        }
    }

    /** Kwik's latest error line (at most 200 characters), or null. */
    public final String lastError() {
        return lastError;
    }

    @Override
    public final void error(String message) {
        noteError(message, null);
    }

    @Override
    public final void error(String message, Throwable error) {
        noteError(message, error);
    }

    /**
     * Whether Kwik aborted the connection for a fault of its own: a runtime exception in its code,
     * such as the NullPointerException Kwik 0.10.8 throws when a server's Retry arrives before its
     * connect thread has stored the ClientHello (seen against quiver serve --retry on loopback).
     * Like the stall, no answer from the server: a fresh attempt is the cure.
     */
    public final boolean kwikFault() {
        return internalFault;
    }

    private void noteError(String message, Throwable error) {
        if (error instanceof RuntimeException) {
            internalFault = true;
        }
        String line = String.valueOf(message) + (error == null ? "" : ": " + error);
        lastError = line.length() > 200 ? line.substring(0, 200) : line;
    }

    @Override
    public final void warn(String message) {
        if (message != null && serverHelloReceived && message.contains("Missing keys for encryption level Handshake")
                && handshakeDrops.incrementAndGet() == STALL_DROPS) {
            onStall.run();
        }
    }
}
