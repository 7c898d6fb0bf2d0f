package dev.quiver.h2.client.http2;

import dev.quiver.core.engine.ConnectionEvents;
import dev.quiver.core.engine.EngineConfig;
import dev.quiver.core.engine.HandshakeTimes;
import dev.quiver.core.engine.Protocol;
import dev.quiver.core.engine.ResponseStatus;
import dev.quiver.core.error.ErrorCategory;
import dev.quiver.core.stream.StreamRecord;
import dev.quiver.core.stream.StreamState;
import dev.quiver.core.stream.StreamTracker;
import dev.quiver.h2.client.TcpConnection;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Flags;
import io.netty.handler.codec.http2.Http2FrameListener;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Settings;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP/2 connection (TLS with ALPN h2, or h2c with prior knowledge). The pipeline:
 * {@link ReadBatch} (one flush per read batch), {@link FrameDecoder} (frames in),
 * {@link EndOfConnection} (the connection's end); frames out go through {@link FrameWriter}.
 * It keeps no stream map and no per-stream objects of its own: the live streams are the
 * tracker's, and a request's header block is encoded once per run. (Netty's connection handler
 * kept a stream object, two flow-control states, a priority node and a promise per request,
 * which cost more CPU than the rest of the client together.)
 */
public final class Http2ClientConnection extends TcpConnection {

    private static final int SETTINGS_ENABLE_PUSH = 0x2;
    private static final int SETTINGS_INITIAL_WINDOW_SIZE = 0x4;
    private static final int SETTINGS_MAX_HEADER_LIST_SIZE = 0x6;
    private static final long NO_ERROR = Http2Error.NO_ERROR.code();
    private static final long CANCEL = Http2Error.CANCEL.code();

    /** The run's requests, encoded once per engine; a stream sends the one it is asked for. */
    private final Http2Requests requests;
    private final FrameWriter writer;
    private final ReceiveCredit receive = new ReceiveCredit();
    private final SendCredit send;
    private final SendCredit.DataSink dataSink;
    /** Until the server's first SETTINGS; then dropped, so an idle connection keeps no task (nor its lambda). */
    private ScheduledFuture<?> settingsTimeout;

    private int nextStreamId = 1;
    private int peerStreamLimit = Integer.MAX_VALUE;
    private boolean settingsSeen;
    private boolean goAwayReceived;
    private boolean goAwaySent;
    private boolean inRead;
    private boolean flushPending;
    private boolean flushQueued;
    private final Runnable queuedFlush = this::queuedFlush;

    public Http2ClientConnection(Channel channel, EngineConfig config, Http2Requests requests, StreamTracker tracker,
                                 ConnectionEvents events, String alpn, HandshakeTimes handshake) {
        super(Protocol.HTTP_2, channel, config, tracker, events, alpn, handshake);
        this.requests = requests;
        this.send = new SendCredit();
        FrameDecoder decoder = new FrameDecoder(new Frames(), new ProtocolErrors());
        channel.pipeline().addLast("http2-read-batch", new ReadBatch());
        channel.pipeline().addLast("http2-frames", decoder);
        channel.pipeline().addLast("http2-end", new EndOfConnection());
        this.writer = new FrameWriter(channel.pipeline().context(decoder));
        this.dataSink = writer::data;
        writer.preface(SETTINGS_ENABLE_PUSH, 0, SETTINGS_INITIAL_WINDOW_SIZE, ReceiveCredit.STREAM_WINDOW,
                SETTINGS_MAX_HEADER_LIST_SIZE, FrameDecoder.MAX_HEADER_LIST_SIZE);
        // HTTP/2's default connection window caps a connection at 64 KiB per round trip (1.6 MB/s at
        // 40 ms) whatever TCP could carry; quiver reads every body at once, so like h2load it never
        // holds the server back by credit.
        writer.windowUpdate(0, receive.openConnection());
        writer.flush();
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

    @Override
    public int peerStreamLimit() {
        return peerStreamLimit;
    }

    @Override
    public boolean acceptsStreams() {
        return super.acceptsStreams() && !goAwayReceived && !goAwaySent;
    }

    @Override
    public void start(long intendedStartNanos, int attempt, int request) {
        int id = nextStreamId;
        if (id < 0) {
            // Stream ids ran out: this connection is done; the scheduler opens another.
            lifecycle.drainSilently();
            channel.close();
            return;
        }
        nextStreamId += 2;
        StreamRecord r = streams.open(id, intendedStartNanos, attempt, request);
        if (r.isEnded()) {
            return;
        }
        byte[] body = requests.body(request);
        boolean endStream = body.length == 0;
        writer.headers(id, requests.headerBlock(request), endStream, send.maxFrameSize());
        if (!endStream) {
            send.add(r, body, dataSink);
        }
        flushSoon();
    }

    /**
     * Streams started while a read batch is processed (the usual case in the closed model: a
     * response ended and the scheduler refilled) are flushed once at the end of the batch; a task
     * queued on the event loop instead was measured to add milliseconds per request there. Others
     * (the open model's starts, each handed over in a task of its own) are flushed by one task
     * queued behind them: starts queued together leave in one TLS record and one write, where a
     * flush each held the open model near 70k requests a second against nghttpd (145k now).
     */
    private void flushSoon() {
        if (inRead) {
            flushPending = true;
        } else if (!flushQueued) {
            flushQueued = true;
            channel.eventLoop().execute(queuedFlush);
        }
    }

    private void queuedFlush() {
        flushQueued = false;
        writer.flush();
    }

    @Override
    public void expire(StreamRecord stream) {
        channel.eventLoop().execute(() -> {
            if (!stream.isEnded() && streams.get(stream.streamId()) == stream) {
                stream.end(StreamState.TIMED_OUT, ErrorCategory.timedOut());
                if (channel.isActive()) {
                    writer.rstStream((int) stream.streamId(), CANCEL);
                    flushSoon();
                    afterStreamEnd();
                }
            }
        });
    }

    /** quiver's own close (end of run): GOAWAY with NO_ERROR first, as a polite client does. */
    @Override
    protected void closeChannel() {
        if (channel.isActive() && !goAwaySent) {
            goAwaySent = true;
            writer.goAway(0, NO_ERROR).addListener(ChannelFutureListener.CLOSE);
        } else {
            channel.close();
        }
    }

    private void complete(StreamRecord r) {
        if (SendCredit.unsent(r)) {
            // The server answered before the whole body was sent: stop sending it (RFC 9113, 8.1).
            r.attach(null);
            writer.rstStream((int) r.streamId(), NO_ERROR);
            flushSoon();
        }
        r.end(StreamState.COMPLETED, null);
        afterStreamEnd();
    }

    private void afterStreamEnd() {
        if (!channel.isActive()) {
            return; // the connection's end sweeps what is left
        }
        if (lifecycle.isDraining() && streams.liveCount() == 0) {
            channel.close(); // a drained connection has nothing more to give
        } else {
            events.onCapacity(this);
        }
    }

    private void cancelSettingsTimeout() {
        if (settingsTimeout != null) {
            settingsTimeout.cancel(false);
            settingsTimeout = null;
        }
    }

    private static String errorName(long code) {
        Http2Error e = Http2Error.valueOf(code);
        return (e == null ? "UNKNOWN" : e.name()) + " (0x" + Long.toHexString(code) + ")";
    }

    /** A frame for a stream that is not live: one quiver already ended is ignored; any other is an error. */
    private void notLive(int streamId) throws Http2Exception {
        // Even ids would be server pushes (disabled); odd ids from nextStreamId on were never opened.
        // (When nextStreamId wrapped, every odd id was used.)
        if ((streamId & 1) == 0 || nextStreamId > 0 && streamId >= nextStreamId) {
            throw Http2Exception.connectionError(Http2Error.PROTOCOL_ERROR, "frame on idle stream %d", streamId);
        }
    }

    private void requireSettings() throws Http2Exception {
        if (!settingsSeen) {
            throw Http2Exception.connectionError(Http2Error.PROTOCOL_ERROR, "the server's first frame is not SETTINGS");
        }
    }

    /** Frame events, mapped onto the tracker's streams. */
    private final class Frames implements Http2FrameListener {

        @Override
        public void onSettingsRead(ChannelHandlerContext c, Http2Settings settings) throws Http2Exception {
            settingsSeen = true;
            Long max = settings.maxConcurrentStreams();
            if (max != null) {
                peerStreamLimit = (int) Math.min(max, Integer.MAX_VALUE);
            }
            Integer frameSize = settings.maxFrameSize();
            if (frameSize != null) {
                send.maxFrameSize(frameSize);
            }
            writer.settingsAck();
            Integer window = settings.initialWindowSize();
            if (window != null) {
                send.initialStreamWindow(window, dataSink);
            }
            flushSoon();
            if (!lifecycle.isReady()) {
                cancelSettingsTimeout();
                signalReady();
            } else if (max != null) {
                events.onCapacity(Http2ClientConnection.this);
            }
        }

        @Override
        public void onHeadersRead(ChannelHandlerContext c, int streamId, Http2Headers headers, int padding,
                                  boolean endOfStream) throws Http2Exception {
            requireSettings();
            StreamRecord r = streams.get(streamId);
            if (r == null) {
                notLive(streamId);
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
                complete(r);
            }
        }

        @Override
        public void onHeadersRead(ChannelHandlerContext c, int streamId, Http2Headers headers, int streamDependency,
                                  short weight, boolean exclusive, int padding, boolean endOfStream) throws Http2Exception {
            onHeadersRead(c, streamId, headers, padding, endOfStream);
        }

        @Override
        public int onDataRead(ChannelHandlerContext c, int streamId, ByteBuf data, int padding, boolean endOfStream)
                throws Http2Exception {
            requireSettings();
            int length = data.readableBytes();
            int credit = receive.consume(length + padding);
            if (credit > 0) {
                writer.windowUpdate(0, credit);
                flushSoon();
            }
            StreamRecord r = streams.get(streamId);
            if (r == null) {
                notLive(streamId);
                return length + padding;
            }
            long before = r.bytesIn();
            r.addBytesIn(length);
            if (endOfStream) {
                complete(r);
            } else {
                int streamCredit = ReceiveCredit.streamCredit(before, before + length) + padding;
                if (streamCredit > 0) {
                    writer.windowUpdate(streamId, streamCredit);
                    flushSoon();
                }
            }
            return length + padding;
        }

        @Override
        public void onRstStreamRead(ChannelHandlerContext c, int streamId, long errorCode) throws Http2Exception {
            requireSettings();
            StreamRecord r = streams.get(streamId);
            if (r == null) {
                return;
            }
            if (errorCode == Http2Error.REFUSED_STREAM.code()) {
                r.end(StreamState.REFUSED, ErrorCategory.refused("RST_STREAM REFUSED_STREAM (0x7)"));
            } else {
                r.end(StreamState.RESET_BY_PEER, ErrorCategory.resetByPeer("RST_STREAM", errorName(errorCode)));
            }
            afterStreamEnd();
        }

        @Override
        public void onGoAwayRead(ChannelHandlerContext c, int lastStreamId, long errorCode, ByteBuf debugData)
                throws Http2Exception {
            requireSettings();
            goAwayReceived = true;
            if (!lifecycle.isDraining()) {
                if (errorCode != NO_ERROR) {
                    notePeerError(ErrorCategory.connectionLost("GOAWAY " + errorName(errorCode)));
                }
                lifecycle.drain();
            }
            streams.refuseAbove(lastStreamId, ErrorCategory.refusedBeyondGoaway());
            if (streams.liveCount() == 0) {
                channel.close();
            }
        }

        @Override
        public void onWindowUpdateRead(ChannelHandlerContext c, int streamId, int increment) throws Http2Exception {
            requireSettings();
            if (streamId == 0) {
                send.connectionCredit(increment, dataSink);
            } else {
                StreamRecord r = streams.get(streamId);
                if (r != null) {
                    send.streamCredit(r, increment, dataSink);
                }
            }
            flushSoon();
        }

        @Override
        public void onPingRead(ChannelHandlerContext c, long data) throws Http2Exception {
            requireSettings();
            writer.pingAck(data);
            flushSoon();
        }

        @Override
        public void onPushPromiseRead(ChannelHandlerContext c, int streamId, int promisedStreamId, Http2Headers headers,
                                      int padding) throws Http2Exception {
            throw Http2Exception.connectionError(Http2Error.PROTOCOL_ERROR, "PUSH_PROMISE although push is disabled");
        }

        @Override
        public void onPriorityRead(ChannelHandlerContext c, int streamId, int streamDependency, short weight,
                                   boolean exclusive) {
        }

        @Override
        public void onSettingsAckRead(ChannelHandlerContext c) {
        }

        @Override
        public void onPingAckRead(ChannelHandlerContext c, long data) {
        }

        @Override
        public void onUnknownFrame(ChannelHandlerContext c, byte frameType, int streamId, Http2Flags flags,
                                   ByteBuf payload) {
        }
    }

    /**
     * quiver found the server breaking HTTP/2 (a header block over the size limit, a flow-control
     * violation, a frame it cannot parse): a connection error sends GOAWAY with its code and closes,
     * and the streams end as PROTOCOL_ERROR; a stream error resets that stream alone.
     */
    private final class ProtocolErrors implements FrameDecoder.Errors {
        @Override
        public void connectionError(Http2Exception e) {
            noteProtocolError(ErrorCategory.connectionError(errorName(e.error().code())));
            if (!goAwaySent && channel.isActive()) {
                goAwaySent = true;
                writer.goAway(0, e.error().code()).addListener(ChannelFutureListener.CLOSE);
            } else {
                channel.close();
            }
        }

        @Override
        public void streamError(Http2Exception.StreamException e) {
            writer.rstStream(e.streamId(), e.error().code());
            flushSoon();
            StreamRecord r = streams.get(e.streamId());
            if (r != null) {
                r.end(StreamState.PROTOCOL_ERROR, ErrorCategory.protocolError("stream error " + e.error().name()));
                afterStreamEnd();
            }
        }
    }

    /** In front of the decoder: marks read batches, for {@link #flushSoon}. */
    private final class ReadBatch extends ChannelInboundHandlerAdapter {
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
                writer.flush();
            }
        }
    }

    /** Behind the decoder: the connection's end sweeps the streams it still had. */
    private final class EndOfConnection extends ChannelInboundHandlerAdapter {
        @Override
        public void channelInactive(ChannelHandlerContext c) {
            cancelSettingsTimeout();
            writer.discard();
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
