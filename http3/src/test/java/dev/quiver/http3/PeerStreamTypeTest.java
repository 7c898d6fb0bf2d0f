package dev.quiver.http3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class PeerStreamTypeTest {

    private static PeerStreamType.Kind kindOf(PeerStreamType.Seen seen, boolean peerIsServer, int... typeBytes) throws H3Error {
        PeerStreamType t = new PeerStreamType();
        byte[] b = new byte[typeBytes.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) typeBytes[i];
        }
        assertTrue(t.read(Unpooled.wrappedBuffer(b)));
        return t.kind(seen, peerIsServer);
    }

    @Test
    void aTypeSplitAcrossReadsIsReadWholeAndTheRestOfTheStreamIsLeft() throws H3Error {
        // 0x21 as a two-byte varint (a reserved type), arriving one byte at a time, then a frame's first byte.
        PeerStreamType t = new PeerStreamType();
        assertFalse(t.read(Unpooled.wrappedBuffer(new byte[] {0x40})));
        ByteBuf rest = Unpooled.wrappedBuffer(new byte[] {0x21, 0x04});
        assertTrue(t.read(rest));
        assertEquals(1, rest.readableBytes(), "only the type is taken");
        assertFalse(t.control());
        assertEquals(PeerStreamType.Kind.REFUSED, t.kind(new PeerStreamType.Seen(), true));
    }

    @Test
    void eachCriticalStreamOnceAndNoPushStream() throws H3Error {
        PeerStreamType.Seen seen = new PeerStreamType.Seen();
        assertEquals(PeerStreamType.Kind.CONTROL, kindOf(seen, true, 0x00));
        assertEquals(PeerStreamType.Kind.QPACK, kindOf(seen, true, 0x02));
        assertEquals(PeerStreamType.Kind.QPACK, kindOf(seen, true, 0x03));
        for (int critical : new int[] {0x00, 0x02, 0x03}) {
            H3Error e = assertThrows(H3Error.class, () -> kindOf(seen, true, critical));
            assertEquals(H3Error.H3_STREAM_CREATION_ERROR, e.code(), e.getMessage());
        }
        assertEquals(H3Error.H3_ID_ERROR, assertThrows(H3Error.class, () -> kindOf(new PeerStreamType.Seen(), true, 0x01)).code(),
                "a server's push stream without MAX_PUSH_ID");
        assertEquals(H3Error.H3_STREAM_CREATION_ERROR,
                assertThrows(H3Error.class, () -> kindOf(new PeerStreamType.Seen(), false, 0x01)).code(), "a client's push stream");
    }
}
