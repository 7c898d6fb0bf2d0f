package dev.quiver.h2.client.http2;

import dev.quiver.core.engine.ConnectionEvents;
import dev.quiver.core.engine.EngineConfig;
import dev.quiver.core.engine.HandshakeTimes;
import dev.quiver.core.engine.Protocol;
import dev.quiver.core.engine.RequestHead;
import dev.quiver.core.engine.RequestTemplate;
import dev.quiver.core.engine.ResponseStatus;
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
import io.netty.handler.codec.http2.DefaultHttp2Connection;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.handler.codec.http2.Http2ConnectionHandlerBuilder;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2EventAdapter;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2Stream;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP/2 connection (TLS with ALPN h2, or h2c with prior knowledge). Framing and flow
 * control are Netty's {@link Http2ConnectionHandler}; this class maps its frame events onto the
 * stream lifecycle. It keeps no stream map of its own: the live streams are the tracker's.
 */
public final class Http2ClientConnection extends TcpConnection {

    private final Http2Connection connection = new DefaultHttp2Connection(false);
    private final Http2ConnectionHandler handler;
    private final Http2Headers requestHeaders;
    private final byte[] body;
    private ChannelHandlerContext ctx;
    /** Receive window per stream and per connection (HTTP/2's default is 64 KiB for both). */
    static final int STREAM_WINDOW = 16 << 20;
    static final int CONNECTION_WINDOW = 64 << 20;

    private final ScheduledFuture<?> settingsTimeout;
    private boolean inRead;
    private boolean flushPending;

    public Http2ClientConnection(Channel channel, EngineConfig config, StreamTracker tracker, ConnectionEvents events,
                                 String alpn, HandshakeTimes handshake) {
        super(Protocol.HTTP_2, channel, config, tracker, events, alpn, handshake);
        this.body = config.request().body();
        this.requestHeaders = headers(config);
        Frames frames = new Frames();
        connection.addListener(frames);
        this.handler = new Http2ConnectionHandlerBuilder()
                .connection(connection)
                .frameListener(frames)
                .initialSettings(Http2Settings.defaultSettings().pushEnabled(false)
                        .initialWindowSize(STREAM_WINDOW))
                .validateHeaders(false)
                .gracefulShutdownTimeoutMillis(0)
                .build();
        channel.pipeline().addLast("http2-errors", new LossRecorder());
        channel.pipeline().addLast("http2-codec", handler);
        channel.pipeline().addLast("http2-end", new EndOfConnection());
        this.ctx = channel.pipeline().context(handler);
        openConnectionWindow();
        long timeout = config.connectTimeout().toMillis();
        // Cancelled once SETTINGS arrive: a pending task would keep the whole connection
        // reachable for the connect timeout, and at high reconnect rates that adds up.
        this.settingsTimeout = channel.eventLoop().schedule(() -> {
            if (!lifecycle.isReady() && channel.isActive()) {
                noteLoss(ErrorCategory.connect("no SETTINGS from server"));
                channel.close();
            }
        }, timeout, TimeUnit.MILLISECONDS);
    }

    /**
     * Raises the connection's receive window from HTTP/2's 64 KiB, sent right after the preface. The
     * default caps a whole connection at 64 KiB per round trip (1.6 MB/s at 40 ms) whatever TCP could
     * carry; quiver reads every body at once, so like h2load it never holds the server back by credit.
     */
    private void openConnectionWindow() {
        try {
            connection.local().flowController().incrementWindowSize(connection.connectionStream(),
                    CONNECTION_WINDOW - Http2CodecUtil.DEFAULT_WINDOW_SIZE);
            channel.flush();
        } catch (Http2Exception e) {
            throw new IllegalStateException("connection window " + CONNECTION_WINDOW, e);
        }
    }

    private static Http2Headers headers(EngineConfig config) {
        RequestHead head = RequestHead.of(config.request(), config.target(), config.target().scheme());
        Http2Headers h = new DefaultHttp2Headers(false);
        for (RequestTemplate.Header field : head.wireFields()) {
            h.add(field.name(), field.value());
        }
        return h;
    }

    @Override
    public int peerStreamLimit() {
        return connection.local().maxActiveStreams();
    }

    @Override
    public int openStreams() {
        return connection.local().numActiveStreams();
    }

    @Override
    public boolean acceptsStreams() {
        return super.acceptsStreams() && !connection.goAwayReceived() && !connection.goAwaySent();
    }

    @Override
    public void start(long intendedStartNanos, int attempt) {
        int id = connection.local().incrementAndGetNextStreamId();
        if (id < 0) {
            // Stream ids ran out: this connection is done; the scheduler opens another.
            lifecycle.drainSilently();
            channel.close();
            return;
        }
        StreamRecord r = streams.open(id, intendedStartNanos, attempt);
        if (r.isEnded()) {
            return;
        }
        boolean endStream = body.length == 0;
        handler.encoder().writeHeaders(ctx, id, requestHeaders, 0, endStream, ctx.newPromise())
                .addListener(f -> writeDone(f.isSuccess(), f.cause(), r));
        if (!endStream) {
            ByteBuf data = Unpooled.wrappedBuffer(body);
            r.addBytesOut(body.length);
            handler.encoder().writeData(ctx, id, data, 0, true, ctx.newPromise())
                    .addListener(f -> writeDone(f.isSuccess(), f.cause(), r));
        }
        flushSoon();
    }

    private void writeDone(boolean success, Throwable cause, StreamRecord r) {
        if (!success && !r.isEnded() && streams.get(r.streamId()) == r) {
            r.end(StreamState.CONNECTION_LOST, ErrorCategory.connectionLost("request write failed"));
        }
    }

    /**
     * Streams started while a read batch is processed (the usual case: a response ended and the
     * scheduler refilled) are flushed once at the end of the batch; others at once. A task queued
     * on the event loop instead was measured to add milliseconds per request.
     */
    private void flushSoon() {
        if (inRead) {
            flushPending = true;
        } else {
            ctx.flush();
        }
    }

    @Override
    public void expire(StreamRecord stream) {
        channel.eventLoop().execute(() -> {
            if (!stream.isEnded() && streams.get(stream.streamId()) == stream) {
                stream.end(StreamState.TIMED_OUT, ErrorCategory.timedOut());
                Http2Stream s = connection.stream((int) stream.streamId());
                if (s != null) {
                    handler.resetStream(ctx, s.id(), Http2Error.CANCEL.code(), ctx.newPromise());
                    flushSoon();
                }
            }
        });
    }

    private static String errorName(long code) {
        Http2Error e = Http2Error.valueOf(code);
        return (e == null ? "UNKNOWN" : e.name()) + " (0x" + Long.toHexString(code) + ")";
    }

    /** Frame events, mapped onto the tracker's streams. */
    private final class Frames extends Http2EventAdapter {

        @Override
        public void onSettingsRead(ChannelHandlerContext c, Http2Settings settings) {
            if (!lifecycle.isReady()) {
                settingsTimeout.cancel(false);
                signalReady();
            } else if (settings.maxConcurrentStreams() != null) {
                events.onCapacity(Http2ClientConnection.this);
            }
        }

        @Override
        public void onHeadersRead(ChannelHandlerContext c, int streamId, Http2Headers headers, int padding,
                                  boolean endOfStream) {
            StreamRecord r = streams.get(streamId);
            if (r == null) {
                return;
            }
            CharSequence status = headers.status();
            if (status != null) {
                int code = ResponseStatus.parse(status);
                if (code >= 100 && code < 200) {
                    return; // informational; the final headers follow
                }
                r.onResponseHeaders(code, System.nanoTime());
            }
            if (endOfStream) {
                r.end(StreamState.COMPLETED, null);
            }
        }

        @Override
        public void onHeadersRead(ChannelHandlerContext c, int streamId, Http2Headers headers, int streamDependency,
                                  short weight, boolean exclusive, int padding, boolean endOfStream) {
            onHeadersRead(c, streamId, headers, padding, endOfStream);
        }

        @Override
        public int onDataRead(ChannelHandlerContext c, int streamId, ByteBuf data, int padding, boolean endOfStream) {
            int processed = data.readableBytes() + padding;
            StreamRecord r = streams.get(streamId);
            if (r != null) {
                r.addBytesIn(data.readableBytes());
                if (endOfStream) {
                    r.end(StreamState.COMPLETED, null);
                }
            }
            return processed;
        }

        @Override
        public void onRstStreamRead(ChannelHandlerContext c, int streamId, long errorCode) {
            StreamRecord r = streams.get(streamId);
            if (r == null) {
                return;
            }
            if (errorCode == Http2Error.REFUSED_STREAM.code()) {
                r.end(StreamState.REFUSED, ErrorCategory.refused("RST_STREAM REFUSED_STREAM (0x7)"));
            } else {
                r.end(StreamState.RESET_BY_PEER, ErrorCategory.resetByPeer("RST_STREAM", errorName(errorCode)));
            }
        }

        @Override
        public void onGoAwayRead(ChannelHandlerContext c, int lastStreamId, long errorCode, ByteBuf debugData) {
            onGoAway(lastStreamId, errorCode);
        }

        @Override
        public void onGoAwayReceived(int lastStreamId, long errorCode, ByteBuf debugData) {
            onGoAway(lastStreamId, errorCode);
        }

        private void onGoAway(int lastStreamId, long errorCode) {
            if (!lifecycle.isDraining()) {
                if (errorCode != Http2Error.NO_ERROR.code()) {
                    notePeerError(ErrorCategory.connectionLost("GOAWAY " + errorName(errorCode)));
                }
                lifecycle.drain();
            }
            streams.refuseAbove(lastStreamId, ErrorCategory.refusedBeyondGoaway());
            if (connection.numActiveStreams() == 0 && streams.liveCount() == 0) {
                channel.close();
            }
        }

        /**
         * The codec sends GOAWAY itself when it finds the server breaking HTTP/2 (a header block
         * over the size limit, a flow-control violation, a frame it cannot parse) and then closes
         * the connection: with an error code, that is why the streams end. (quiver's own close at
         * the end of a run sends NO_ERROR.)
         */
        @Override
        public void onGoAwaySent(int lastStreamId, long errorCode, ByteBuf debugData) {
            if (errorCode != Http2Error.NO_ERROR.code()) {
                noteProtocolError(ErrorCategory.connectionError(errorName(errorCode)));
            }
        }

        @Override
        public void onStreamClosed(Http2Stream stream) {
            StreamRecord r = streams.get(stream.id());
            if (r != null && channel.isActive()) {
                // The codec closed a stream without a frame event for us: it found a stream error.
                if (connection.goAwayReceived() && stream.id() > connection.local().lastStreamKnownByPeer()) {
                    r.end(StreamState.REFUSED, ErrorCategory.refusedBeyondGoaway());
                } else {
                    r.end(StreamState.PROTOCOL_ERROR, ErrorCategory.protocolError("stream closed by HTTP/2 codec"));
                }
            }
            if (!channel.isActive()) {
                return; // the connection's end sweeps what is left
            }
            if (lifecycle.isDraining() && connection.numActiveStreams() == 0 && streams.liveCount() == 0) {
                channel.close(); // a drained connection has nothing more to give
            } else {
                events.onCapacity(Http2ClientConnection.this);
            }
        }
    }

    /**
     * Sits in front of the codec: marks read batches (for {@link #flushSoon}), and remembers why the
     * connection broke, since the codec swallows exceptions.
     */
    private final class LossRecorder extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext c, Object msg) {
            inRead = true;
            c.fireChannelRead(msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext c) {
            inRead = false;
            c.fireChannelReadComplete();
            if (flushPending) {
                flushPending = false;
                ctx.flush();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext c, Throwable cause) {
            noteLoss(cause);
            c.fireExceptionCaught(cause);
        }
    }

    /** Behind the codec: the connection's end sweeps the streams it still had. */
    private final class EndOfConnection extends ChannelInboundHandlerAdapter {
        @Override
        public void channelInactive(ChannelHandlerContext c) {
            settingsTimeout.cancel(false);
            onChannelClosed();
            c.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext c, Throwable cause) {
            noteLoss(cause);
            c.close();
        }
    }
}
