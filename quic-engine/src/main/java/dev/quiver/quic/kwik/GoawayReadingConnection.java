package dev.quiver.quic.kwik;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ExecutorService;
import java.util.function.LongConsumer;
import tech.kwik.core.QuicConnection;
import tech.kwik.core.generic.VariableLengthInteger;
import tech.kwik.flupke.impl.Http3ClientConnectionImpl;

/**
 * Flupke's HTTP/3 client connection, reading the server's control stream past its first frame.
 * Flupke 0.9.4 reads only the SETTINGS frame there and never sees a GOAWAY, so a draining server
 * would reject every request sent after it. Its control-stream handler is the one hook it offers
 * ({@code processControlStream} is protected): this lets Flupke take its SETTINGS, then goes on
 * reading frames on the same (Flupke-owned) thread and reports each GOAWAY's id. Used by the
 * interop cases, which run on Flupke; the load engine has its own HTTP/3 side ({@code kwik.h3}).
 */
public final class GoawayReadingConnection extends Http3ClientConnectionImpl {

    /** RFC 9114, 7.2.6. */
    private static final long FRAME_TYPE_GOAWAY = 0x07;

    private volatile LongConsumer onGoaway = id -> { };

    public GoawayReadingConnection(QuicConnection quic, ExecutorService peerStreams) {
        super(quic, peerStreams);
    }

    /** Called on Flupke's control-stream thread with each GOAWAY's stream id. */
    public void onGoaway(LongConsumer listener) {
        this.onGoaway = listener;
    }

    @Override
    protected void processControlStream(InputStream controlStream) {
        super.processControlStream(controlStream); // SETTINGS, or a connection error
        try {
            while (true) {
                long type = VariableLengthInteger.parseLong(controlStream);
                long length = VariableLengthInteger.parseLong(controlStream);
                if (type == FRAME_TYPE_GOAWAY) {
                    onGoaway.accept(VariableLengthInteger.parseLong(controlStream));
                } else {
                    controlStream.skipNBytes(length); // MAX_PUSH_ID, CANCEL_PUSH, unknown: nothing for a client to do
                }
            }
        } catch (IOException | RuntimeException e) {
            // The connection ended (its close reason reaches the engine through Kwik's listener).
        }
    }
}
