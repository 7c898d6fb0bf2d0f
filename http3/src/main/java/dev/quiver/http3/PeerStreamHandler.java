package dev.quiver.http3;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.util.ReferenceCountUtil;

/**
 * One unidirectional stream the peer opened (RFC 9114, 6.2), read raw on Netty's QUIC stream
 * channel: its type first, then for the control stream its frames by {@link ControlFrames}, for the
 * QPACK encoder and decoder streams nothing kept (with a table capacity of 0 they carry nothing
 * used here); a push stream is a connection error (quiver never allows one), an unknown or reserved
 * type is refused with STOP_SENDING. A second stream of a critical type, or the control stream's
 * end, is a connection error. The client's and the server's readers differ in the peer's rules and
 * in what a GOAWAY means to them.
 */
public abstract class PeerStreamHandler extends ChannelInboundHandlerAdapter implements FrameSplitter.Frames {

    private final PeerStreamType.Seen seen;
    private final boolean peerIsServer;
    private final PeerStreamType type = new PeerStreamType();
    private PeerStreamType.Kind kind;
    private FrameSplitter frames;
    private ControlFrames rules;
    private ControlFrames.Payload current;
    private boolean broken;

    /**
     * @param seen the critical streams the peer has opened on this connection so far
     * @param peerIsServer whether the peer is the server (its control stream's rules, its stream types)
     */
    protected PeerStreamHandler(PeerStreamType.Seen seen, boolean peerIsServer) {
        this.seen = seen;
        this.peerIsServer = peerIsServer;
    }

    /** The peer broke a rule that ends the connection (RFC 9114, 8: a connection error of {@code code}). */
    protected abstract void connectionError(long code, String message);

    /** The peer's GOAWAY, its id checked by {@link ControlFrames}. */
    protected abstract void goaway(long id);

    /** Whether the connection is closing anyway: the control stream's end is no error then. */
    protected boolean closing() {
        return false;
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
            connectionError(e.code(), e.getMessage());
        } finally {
            in.release();
        }
    }

    private void typeRead(ChannelHandlerContext ctx) throws H3Error {
        kind = type.kind(seen, peerIsServer);
        if (kind == PeerStreamType.Kind.CONTROL) {
            frames = new FrameSplitter();
            rules = peerIsServer ? new ControlFrames() : ControlFrames.ofClient();
        } else if (kind == PeerStreamType.Kind.REFUSED) {
            // Unknown (or reserved) stream type: not read (RFC 9114, 6.2).
            ((QuicStreamChannel) ctx.channel()).shutdownInput((int) H3Error.H3_STREAM_CREATION_ERROR);
        }
    }

    @Override
    public final boolean begin(long frameType, long length) throws H3Error {
        current = rules.frame(frameType, length);
        return current != ControlFrames.Payload.SKIP;
    }

    @Override
    public final void payload(byte[] buf, int off, int len) throws H3Error {
        if (current == ControlFrames.Payload.SETTINGS) {
            rules.settings(buf, off, off + len);
        } else {
            goaway(rules.goaway(buf, off, off + len));
        }
    }

    @Override
    public final void skipped(int n) {
        // MAX_PUSH_ID, CANCEL_PUSH, unknown and grease frames: nothing to keep
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A reset of the control stream is its end (below); the others end with the connection,
        // whose own end tells why.
        controlStreamEnded();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        controlStreamEnded();
        ctx.fireChannelInactive();
    }

    /** RFC 9114, 6.2.1: the control stream lives as long as the connection; its end is an error. */
    private void controlStreamEnded() {
        if (type.control() && !broken && !closing()) {
            broken = true;
            connectionError(H3Error.H3_CLOSED_CRITICAL_STREAM, "control stream closed");
        }
    }
}
