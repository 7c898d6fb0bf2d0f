package dev.quiver.quic.kwik.interop;

import dev.quiver.quic.kwik.HandshakeTap;
import java.lang.reflect.Field;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import tech.kwik.core.common.EncryptionLevel;
import tech.kwik.core.frame.CryptoFrame;
import tech.kwik.core.frame.MaxDataFrame;
import tech.kwik.core.frame.MaxStreamDataFrame;
import tech.kwik.core.frame.MaxStreamsFrame;
import tech.kwik.core.frame.PathChallengeFrame;
import tech.kwik.core.frame.PathResponseFrame;
import tech.kwik.core.frame.QuicFrame;
import tech.kwik.core.frame.StreamFrame;
import tech.kwik.core.packet.InitialPacket;
import tech.kwik.core.packet.QuicPacket;
import tech.kwik.core.packet.RetryPacket;
import tech.kwik.core.packet.ShortHeaderPacket;

/**
 * The logger an interop connection gets: besides what every {@link HandshakeTap} sees, it records
 * from the packets Kwik parsed and sent what the cases check: Retry, the server's ALPN (from its EncryptedExtensions),
 * flow-control and stream-credit frames both ways, the key phase of 1-RTT packets both ways, and
 * every client-opened bidirectional stream against the credit the server had given at that moment.
 * Kwik hands a received packet to its logger before processing it, and a sent one after sending
 * it, so a credit raise is always recorded before a stream that uses it.
 */
final class WireTap extends HandshakeTap {

    private static final Field KEY_PHASE = keyPhaseField();

    final AtomicInteger retries = new AtomicInteger();
    /** Initial packets sent (first flight and its retransmissions, and ACKs at that level). */
    final AtomicInteger initialsSent = new AtomicInteger();
    final AtomicInteger maxStreamsReceived = new AtomicInteger();
    final AtomicInteger maxDataReceived = new AtomicInteger();
    final AtomicInteger maxDataSent = new AtomicInteger();
    /** Key phase changes seen in 1-RTT packets, sent and received. */
    final AtomicInteger keyPhaseChangesSent = new AtomicInteger();
    final AtomicInteger keyPhaseChangesReceived = new AtomicInteger();
    private final AtomicInteger lastPhaseSent = new AtomicInteger(0);
    private final AtomicInteger lastPhaseReceived = new AtomicInteger(0);
    /** The server's cumulative bidirectional stream credit; -1 until set. */
    private final AtomicLong streamCredit = new AtomicLong(-1);
    private final AtomicLong streamsOpened = new AtomicLong();
    final AtomicInteger streamsBeyondCredit = new AtomicInteger();
    final AtomicReference<String> serverAlpn = new AtomicReference<>();
    final AtomicInteger pathChallengesReceived = new AtomicInteger();
    final AtomicInteger pathResponsesSent = new AtomicInteger();
    /** The data of challenges not answered yet (8 bytes each, as a long); bounded, a server sends a handful. */
    private final java.util.Set<Long> unanswered = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final int MAX_UNANSWERED = 256;

    @Override
    public void received(Instant time, int datagram, QuicPacket packet) {
        super.received(time, datagram, packet);
        if (packet == null) {
            return;
        }
        if (packet instanceof RetryPacket) {
            retries.incrementAndGet();
            return;
        }
        if (packet instanceof ShortHeaderPacket) {
            phase(packet, lastPhaseReceived, keyPhaseChangesReceived);
        }
        for (QuicFrame f : packet.getFrames()) {
            if (f instanceof MaxStreamsFrame m && m.isAppliesToBidirectional()) {
                maxStreamsReceived.incrementAndGet();
                streamCredit.accumulateAndGet(m.getMaxStreams(), Math::max);
            } else if (f instanceof PathChallengeFrame p) {
                pathChallengesReceived.incrementAndGet();
                if (unanswered.size() < MAX_UNANSWERED) {
                    unanswered.add(pathData(p.getData()));
                }
            } else if (f instanceof MaxDataFrame || f instanceof MaxStreamDataFrame) {
                maxDataReceived.incrementAndGet();
            } else if (f instanceof CryptoFrame c && packet.getEncryptionLevel() == EncryptionLevel.Handshake
                    && c.getOffset() == 0 && serverAlpn.get() == null) {
                serverAlpn.set(EncryptedExtensions.alpn(c.getStreamData()));
            }
        }
    }

    @Override
    public void sent(Instant time, QuicPacket packet) {
        if (packet instanceof InitialPacket) {
            initialsSent.incrementAndGet();
        }
        if (packet instanceof ShortHeaderPacket) {
            phase(packet, lastPhaseSent, keyPhaseChangesSent);
        }
        for (QuicFrame f : packet.getFrames()) {
            if (f instanceof PathResponseFrame p) {
                pathResponsesSent.incrementAndGet();
                unanswered.remove(pathData(p.getData()));
            } else if (f instanceof MaxDataFrame || f instanceof MaxStreamDataFrame) {
                maxDataSent.incrementAndGet();
            } else if (f instanceof StreamFrame s && s.getStreamId() % 4 == 0) {
                long count = s.getStreamId() / 4 + 1;
                long opened = streamsOpened.accumulateAndGet(count, Math::max);
                long credit = streamCredit.get();
                if (credit >= 0 && opened > credit) {
                    streamsBeyondCredit.incrementAndGet();
                }
            }
        }
    }

    @Override
    public void sent(Instant time, List<QuicPacket> packets) {
        for (QuicPacket p : packets) {
            sent(time, p);
        }
    }

    int unansweredChallenges() {
        return unanswered.size();
    }

    private static long pathData(byte[] d) {
        long v = 0;
        for (int i = 0; i < Math.min(8, d.length); i++) {
            v = (v << 8) | (d[i] & 0xFF);
        }
        return v;
    }

    /** The server's initial_max_streams_bidi, once the handshake gave it. */
    void initialStreamCredit(long credit) {
        streamCredit.accumulateAndGet(credit, Math::max);
    }

    long streamCredit() {
        return streamCredit.get();
    }

    long streamsOpened() {
        return streamsOpened.get();
    }

    private static void phase(QuicPacket p, AtomicInteger last, AtomicInteger changes) {
        if (KEY_PHASE == null) {
            return;
        }
        try {
            int now = ((Number) KEY_PHASE.get(p)).intValue();
            if (last.getAndSet(now) != now) {
                changes.incrementAndGet();
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // unknown: no change counted
        }
    }

    /** Kwik keeps the key phase bit of a 1-RTT packet in a protected field and offers no getter. */
    private static Field keyPhaseField() {
        try {
            Field f = ShortHeaderPacket.class.getDeclaredField("keyPhaseBit");
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    boolean seesKeyPhase() {
        return KEY_PHASE != null;
    }
}
