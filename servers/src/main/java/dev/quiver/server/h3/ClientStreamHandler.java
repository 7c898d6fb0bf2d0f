package dev.quiver.server.h3;

import dev.quiver.http3.ControlFrames;
import dev.quiver.http3.FrameSplitter;
import dev.quiver.http3.H3Error;
import dev.quiver.http3.PeerStreamType;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.util.ReferenceCountUtil;

/**
 * One unidirectional stream the client opened (RFC 9114, 6.2), read raw: its type first, then for
 * the control stream its frames by {@link ControlFrames#ofClient()} (SETTINGS first; a client's
 * GOAWAY names push ids, and this server never pushes, so it changes nothing), for the QPACK
 * encoder and decoder streams nothing kept (the server's SETTINGS allow no dynamic table, so they
 * carry nothing it uses); a push stream from a client is a connection error, an unknown or
 * reserved type is refused with STOP_SENDING. A second stream of a critical type, or the control
 * stream's end, is a connection error.
 */
final class ClientStreamHandler extends ChannelInboundHandlerAdapter implements FrameSplitter.Frames {

    private final ConnectionState connection;
    private final PeerStreamType.Seen seen;
    private final PeerStreamType type = new PeerStreamType();
    private PeerStreamType.Kind kind;
    private FrameSplitter frames;
    private ControlFrames rules;
    private ControlFrames.Payload current;
    private boolean broken;

    ClientStreamHandler(ConnectionState connection, PeerStreamType.Seen seen) {
        this.connection = connection;
        this.seen = seen;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        try {
            if (broken) {
                return;
            }
            if (kind == null) {
                if (!type.read(in)) {
                    return;
                }
                typeRead(ctx);
            }
            if (frames != null) {
                frames.read(in, this);
            }
            // QPACK streams and refused ones: read and dropped (so that their flow control credit returns)
        } catch (H3Error e) {
            broken = true;
            connection.connectionError(e.code(), e.getMessage());
        } finally {
            in.release();
        }
    }

    private void typeRead(ChannelHandlerContext ctx) throws H3Error {
        kind = type.kind(seen, false);
        if (kind == PeerStreamType.Kind.CONTROL) {
            frames = new FrameSplitter();
            rules = ControlFrames.ofClient();
        } else if (kind == PeerStreamType.Kind.REFUSED) {
            // Unknown (or reserved) stream type: not read (RFC 9114, 6.2).
            ((QuicStreamChannel) ctx.channel()).shutdownInput((int) H3Error.H3_STREAM_CREATION_ERROR);
        }
    }

    @Override
    public boolean begin(long frameType, long length) throws H3Error {
        current = rules.frame(frameType, length);
        return current != ControlFrames.Payload.SKIP;
    }

    @Override
    public void payload(byte[] buf, int off, int len) throws H3Error {
        if (current == ControlFrames.Payload.SETTINGS) {
            rules.settings(buf, off, off + len);
        } else {
            rules.goaway(buf, off, off + len); // checked; a push id means nothing to a server that never pushes
        }
    }

    @Override
    public void skipped(int n) {
        // MAX_PUSH_ID, CANCEL_PUSH, unknown and grease frames: nothing to keep
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A reset of the control stream is its end (below); the others end with the connection.
        controlStreamEnded();
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        controlStreamEnded();
        ctx.fireChannelInactive();
    }

    /** RFC 9114, 6.2.1: the control stream lives as long as the connection; its end is an error. */
    private void controlStreamEnded() {
        if (type.control() && !broken) {
            broken = true;
            connection.connectionError(H3Error.H3_CLOSED_CRITICAL_STREAM, "control stream closed");
        }
    }
}
