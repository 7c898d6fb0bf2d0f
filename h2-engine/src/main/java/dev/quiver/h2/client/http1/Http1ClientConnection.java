package dev.quiver.h2.client.http1;

import dev.quiver.core.engine.ConnectionEvents;
import dev.quiver.core.engine.EngineConfig;
import dev.quiver.core.engine.HandshakeTimes;
import dev.quiver.core.engine.Protocol;
import dev.quiver.core.error.ErrorCategory;
import dev.quiver.core.stream.StreamRecord;
import dev.quiver.core.stream.StreamState;
import dev.quiver.core.stream.StreamTracker;
import dev.quiver.h2.client.TcpConnection;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * One HTTP/1.1 keep-alive connection: one stream at a time, no pipelining. Stream ids count
 * requests on the connection. A request that times out can only be cancelled by closing the
 * connection, so that is what happens; the scheduler opens a new one.
 */
public final class Http1ClientConnection extends TcpConnection {

    private static final String INVALID = "invalid HTTP/1.1 response";

    /** Each request of the run's mix, encoded once for the engine; a stream sends the one it is asked for. */
    private final Http1Requests requests;
    private long nextStreamId;
    private StreamRecord current;
    private boolean closeAfterResponse;

    public Http1ClientConnection(Channel channel, EngineConfig config, Http1Requests requests, StreamTracker tracker,
                                 ConnectionEvents events, String alpn, HandshakeTimes handshake) {
        super(Protocol.HTTP_1_1, channel, config, tracker, events, alpn, handshake);
        this.requests = requests;
        channel.pipeline().addLast("http1-responses", new ResponseHandler());
    }

    /** Tells the scheduler the connection is ready: HTTP/1.1 needs nothing more than TCP (and TLS). */
    public void ready() {
        signalReady();
    }

    @Override
    public int peerStreamLimit() {
        return 1;
    }

    @Override
    public int openStreams() {
        return current == null ? 0 : 1;
    }

    @Override
    public boolean acceptsStreams() {
        return super.acceptsStreams() && !closeAfterResponse;
    }

    @Override
    public void start(long intendedStartNanos, int attempt, int request) {
        if (current != null) {
            throw new IllegalStateException("HTTP/1.1 connection already has a request in flight");
        }
        StreamRecord r = streams.open(++nextStreamId, intendedStartNanos, attempt, request);
        if (r.isEnded()) {
            return;
        }
        current = r;
        r.addBytesOut(requests.bodyLength(request));
        // A failed write reaches ResponseHandler.exceptionCaught, which notes the loss and closes.
        channel.writeAndFlush(Unpooled.wrappedBuffer(requests.bytes(request)), channel.voidPromise());
    }

    @Override
    public void expire(StreamRecord stream) {
        channel.eventLoop().execute(() -> {
            if (stream == current && !stream.isEnded()) {
                current = null;
                stream.end(StreamState.TIMED_OUT, ErrorCategory.timedOut());
                close(StreamState.CONNECTION_LOST, ErrorCategory.connectionLost("closed after timeout"));
            }
        });
    }

    private void completeCurrent() {
        StreamRecord r = current;
        current = null;
        r.end(StreamState.COMPLETED, null);
        if (closeAfterResponse) {
            channel.close();
        } else {
            events.onCapacity(this);
        }
    }

    /** Reads the connection's bytes as responses and maps their events onto the current stream's lifecycle. */
    private final class ResponseHandler extends ChannelInboundHandlerAdapter implements ResponseEvents {

        private final ResponseParser parser = new ResponseParser();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof ByteBuf in)) {
                ReferenceCountUtil.release(msg);
                return;
            }
            try {
                parser.read(in, this);
            } finally {
                in.release();
            }
        }

        @Override
        public boolean answersHead() {
            StreamRecord r = current;
            return r != null && requests.head(r.request());
        }

        @Override
        public void head(int status, boolean closeAfter) {
            StreamRecord r = current;
            if (r == null) {
                return; // a response nobody asked for: read past it
            }
            r.onResponseHeaders(status, System.nanoTime());
            if (closeAfter) {
                closeAfterResponse = true;
                lifecycle.drainSilently();
            }
        }

        @Override
        public void body(int bytes) {
            StreamRecord r = current;
            if (r != null) {
                r.addBytesIn(bytes);
            }
        }

        @Override
        public void end() {
            if (current != null) {
                completeCurrent();
            }
        }

        @Override
        public void malformed() {
            StreamRecord r = current;
            current = null;
            if (r != null) {
                r.end(StreamState.PROTOCOL_ERROR, ErrorCategory.protocolError(INVALID));
            }
            close(StreamState.PROTOCOL_ERROR, ErrorCategory.protocolError(INVALID));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            noteLoss(cause);
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            parser.endOfInput(this); // a body read until the close ends here
            if (current != null && current.firstByteNanos() >= 0) {
                noteLoss(ErrorCategory.connectionLost("closed mid-response"));
            } else if (current != null) {
                noteLoss(ErrorCategory.connectionLost("closed before response"));
            }
            current = null;
            onChannelClosed();
            ctx.fireChannelInactive();
        }
    }
}
