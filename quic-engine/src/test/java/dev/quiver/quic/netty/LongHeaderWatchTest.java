package dev.quiver.quic.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.unix.SegmentedDatagramPacket;
import java.net.InetSocketAddress;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The server's versions as the client's watch reads them: a long header in a version the client
 * never offered is a packet damaged on the way (the lab corrupts UDP payloads and keeps their
 * checksums, as the interop runner does), not a second version of the server.
 */
class LongHeaderWatchTest {

    private static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 4433);
    private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 50000);

    /** An Initial long header (v1 type bits) of {@code version} with empty connection ids, no token and a 4-byte payload. */
    private static ByteBuf initial(int version) {
        ByteBuf b = Unpooled.buffer();
        b.writeByte(0xC0);
        b.writeInt(version);
        b.writeByte(0); // destination connection id length
        b.writeByte(0); // source connection id length
        b.writeByte(0); // token length
        b.writeByte(4); // length
        b.writeInt(0);
        return b;
    }

    private static Set<Integer> versionsAfter(int... versions) {
        LongHeaderWatch watch = new LongHeaderWatch();
        EmbeddedChannel ch = new EmbeddedChannel(watch);
        for (int v : versions) {
            ch.writeInbound(new DatagramPacket(initial(v), CLIENT, SERVER));
            DatagramPacket passed = ch.readInbound();
            passed.release();
        }
        ch.finishAndReleaseAll();
        return watch.serverVersions();
    }

    /** Three datagrams in one segmented message, each an Initial followed by bytes of datagram padding. */
    @Test
    void everyDatagramOfASegmentedMessageIsRead() {
        ByteBuf datagrams = Unpooled.buffer();
        for (int i = 0; i < 3; i++) {
            datagrams.writeBytes(initial(LongHeaderWatch.V1)).writeZero(3);
        }
        int segment = datagrams.readableBytes() / 3;
        LongHeaderWatch watch = new LongHeaderWatch();
        EmbeddedChannel ch = new EmbeddedChannel(watch);
        ch.writeOutbound(new SegmentedDatagramPacket(datagrams, segment, SERVER, CLIENT));
        ch.finishAndReleaseAll();
        assertEquals(3, watch.initialsSent());
    }

    @Test
    void theServersVersionIsSeen() {
        assertEquals(Set.of(LongHeaderWatch.V1), versionsAfter(LongHeaderWatch.V1));
    }

    @Test
    void aDamagedVersionIsNotTheServers() {
        assertEquals(Set.of(LongHeaderWatch.V1), versionsAfter(LongHeaderWatch.V1, 0x256b228f, LongHeaderWatch.V1, 0x9517a444));
    }

    @Test
    void compatibleNegotiationToV2IsStillSeen() {
        assertEquals(Set.of(LongHeaderWatch.V1, LongHeaderWatch.V2), versionsAfter(LongHeaderWatch.V1, LongHeaderWatch.V2));
    }
}
