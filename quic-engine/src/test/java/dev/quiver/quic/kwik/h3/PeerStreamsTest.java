package dev.quiver.quic.kwik.h3;

import static dev.quiver.quic.kwik.h3.H3FramesTest.concat;
import static dev.quiver.quic.kwik.h3.H3FramesTest.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.http3.H3Error;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The server's unidirectional streams: GOAWAY passed on, every broken control stream a connection error. */
class PeerStreamsTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] CONTROL = {0x00};
    private static final byte[] SETTINGS = frame(4, HEX.parseHex("01000700"));

    private final List<Long> goaways = new ArrayList<>();
    private final List<Long> errors = new ArrayList<>();
    private final PeerStreams peers = new PeerStreams(Runnable::run, new PeerStreams.Listener() {
        @Override
        public void goaway(long streamId) {
            goaways.add(streamId);
        }

        @Override
        public void connectionError(long code, String reason) {
            errors.add(code);
        }
    });

    private boolean serve(byte[]... parts) {
        AtomicBoolean refused = new AtomicBoolean();
        peers.serve(new ByteArrayInputStream(concat(parts)), () -> refused.set(true));
        return refused.get();
    }

    @Test
    void goawaysArePassedOnAndTheControlStreamsEndIsAnError() {
        serve(CONTROL, SETTINGS, frame(0x21, new byte[4]), frame(7, new byte[] {8}), frame(7, new byte[] {0x40, 4}));
        assertEquals(List.of(8L, 4L), goaways);
        assertEquals(List.of(H3Error.H3_CLOSED_CRITICAL_STREAM), errors);
    }

    @Test
    void controlStreamWithoutSettingsFirst() {
        serve(CONTROL, frame(7, new byte[] {8}));
        assertEquals(List.of(H3Error.H3_MISSING_SETTINGS), errors);
        assertTrue(goaways.isEmpty());
    }

    @Test
    void brokenControlFrames() {
        assertEquals(H3Error.H3_SETTINGS_ERROR, errorOf(CONTROL, frame(4, HEX.parseHex("0200"))));       // HTTP/2 setting
        assertEquals(H3Error.H3_FRAME_ERROR, errorOf(CONTROL, frame(4, HEX.parseHex("01"))));            // half a pair
        assertEquals(H3Error.H3_FRAME_UNEXPECTED, errorOf(CONTROL, SETTINGS, SETTINGS));
        assertEquals(H3Error.H3_FRAME_UNEXPECTED, errorOf(CONTROL, SETTINGS, frame(0, new byte[2])));
        assertEquals(H3Error.H3_FRAME_UNEXPECTED, errorOf(CONTROL, SETTINGS, frame(1, new byte[2])));
        assertEquals(H3Error.H3_FRAME_ERROR, errorOf(CONTROL, SETTINGS, frame(7, new byte[] {0x40})));   // GOAWAY cut short
        assertEquals(H3Error.H3_FRAME_ERROR, errorOf(CONTROL, SETTINGS, frame(7, new byte[] {8, 0}))); // trailing byte
        assertEquals(H3Error.H3_ID_ERROR, errorOf(CONTROL, SETTINGS, frame(7, new byte[] {1})));       // no request stream
        assertEquals(H3Error.H3_ID_ERROR, errorOf(CONTROL, SETTINGS, frame(7, new byte[] {4}), frame(7, new byte[] {8}))); // rose
    }

    private long errorOf(byte[]... parts) {
        PeerStreamsTest fresh = new PeerStreamsTest();
        fresh.serve(parts);
        return fresh.errors.get(0);
    }

    @Test
    void oneControlStreamOnly() {
        serve(CONTROL, SETTINGS);
        errors.clear();
        serve(CONTROL, SETTINGS);
        assertEquals(List.of(H3Error.H3_STREAM_CREATION_ERROR), errors);
    }

    @Test
    void qpackStreamsAreDrainedUnknownTypesRefusedPushIsAnError() {
        assertEquals(false, serve(new byte[] {0x02}, new byte[300]));
        assertEquals(false, serve(new byte[] {0x03}, new byte[3]));
        assertTrue(errors.isEmpty(), "QPACK streams are read and dropped: " + errors);
        assertTrue(serve(new byte[] {0x21}, new byte[5]), "an unknown stream type is refused");
        assertEquals(false, serve(new byte[0]), "a stream that ends before its type is tolerated");
        serve(new byte[] {0x01}, new byte[3]);
        assertEquals(List.of(H3Error.H3_ID_ERROR), errors);
    }
}
