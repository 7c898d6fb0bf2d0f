package dev.quiver.server.h3;

import dev.quiver.http3.H3Error;
import dev.quiver.http3.H3Frames;
import dev.quiver.http3.Varint;
import dev.quiver.server.fault.Fault;
import dev.quiver.server.fault.FaultSchedule;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicStreamChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The bookkeeping of one QUIC connection: its fault schedule, the GOAWAY it may have sent and
 * how many requests are still open. Lives as long as its {@link QuicChannel} and is touched only
 * on that channel's event loop; its size does not depend on the number of requests.
 */
final class ConnectionState {

    /** QUIC client-initiated bidirectional stream IDs are 0, 4, 8, ...: the next one is 4 further. */
    private static final long STREAM_ID_STEP = 4;
    /**
     * How long a drained connection stays open after GOAWAY before the server closes it: the last
     * responses are handed to quiche but may not be acknowledged yet, and closing discards them.
     * Clients normally close first.
     */
    static final long DRAIN_GRACE_MILLIS = 500;

    private final QuicChannel channel;
    private final Http3ServerStats stats;
    private final FaultSchedule faults;
    private final SilentCloseFilter silentCloseFilter;
    private final dev.quiver.server.fault.InjectedLeaks leaks;
    /** Requests this connection may carry before GOAWAY ({@link Http3ServerConfig#requestsPerConnection()}); 0: no limit. */
    private final int requestLimit;
    private int requestsAdmitted;
    private long highestStreamId = -1;
    /** The id sent in our GOAWAY, -1 before: requests on streams at or above it are rejected. */
    private long goAwayId = -1;
    private int openRequests;
    private boolean drainCloseScheduled;
    /** The server's control stream, once open; GOAWAY goes out on it. */
    private QuicStreamChannel control;

    ConnectionState(QuicChannel channel, Http3ServerConfig config, Http3ServerStats stats,
                    SilentCloseFilter silentCloseFilter) {
        this.channel = channel;
        this.stats = stats;
        this.faults = new FaultSchedule(config.faults());
        this.silentCloseFilter = silentCloseFilter;
        this.leaks = config.leaks();
        this.requestLimit = config.requestsPerConnection();
    }

    Http3ServerStats stats() {
        return stats;
    }

    /** The server's control stream is open (its SETTINGS written). */
    void controlStream(QuicStreamChannel stream) {
        control = stream;
    }

    /**
     * The client broke HTTP/3 or QPACK: CONNECTION_CLOSE with {@code code} and a short reason.
     * Nothing when the connection is already gone.
     */
    void connectionError(long code, String reason) {
        if (channel.isActive()) {
            channel.close(true, (int) code, Unpooled.wrappedBuffer(reason.getBytes(StandardCharsets.US_ASCII)));
        }
    }

    /** A request stream of this connection was created (its first bytes arrived). */
    void streamOpened(QuicStreamChannel stream) {
        highestStreamId = Math.max(highestStreamId, stream.streamId());
    }

    /**
     * A request's HEADERS arrived. Returns false if it must be rejected because it came at or
     * above our GOAWAY id; otherwise counts it open until {@link #requestEnded()}.
     */
    boolean admit(QuicStreamChannel stream) {
        if (goAwayId >= 0 && stream.streamId() >= goAwayId) {
            stats.requestRejected();
            return false;
        }
        openRequests++;
        stats.requestReceived();
        leaks.requestReceived();
        if (++requestsAdmitted == requestLimit) {
            goAway(); // this request is still answered; the client takes the next ones elsewhere
        }
        return true;
    }

    /** The fault for the request just admitted, or {@code null}; counted in the stats. */
    Fault nextFault() {
        Fault fault = faults.next();
        if (fault != null) {
            stats.faultInjected(fault);
        }
        return fault;
    }

    /** An admitted request's stream is gone (answered, reset or closed with the connection). */
    void requestEnded() {
        openRequests--;
        stats.requestEnded();
        closeIfDrained();
    }

    /**
     * Sends GOAWAY with an id just above every stream the client has opened so far, so requests
     * already in flight are still answered and later ones are rejected. Only the first call
     * sends: the id may not increase, and one GOAWAY per connection is all the fault or the request
     * limit needs.
     */
    void goAway() {
        if (goAwayId >= 0 || !channel.isActive()) {
            return;
        }
        goAwayId = highestStreamId + STREAM_ID_STEP;
        if (control != null) {
            byte[] frame = new byte[H3Frames.headerSize(H3Frames.GOAWAY, Varint.size(goAwayId)) + Varint.size(goAwayId)];
            Varint.write(frame, H3Frames.writeHeader(frame, 0, H3Frames.GOAWAY, Varint.size(goAwayId)), goAwayId);
            control.writeAndFlush(Unpooled.wrappedBuffer(frame));
        }
        closeIfDrained();
    }

    /** CONNECTION_CLOSE with H3_INTERNAL_ERROR: the {@link Fault#CLOSE} fault. */
    void closeAbruptly() {
        channel.close(true, (int) H3Error.H3_INTERNAL_ERROR, Unpooled.EMPTY_BUFFER);
    }

    /** Drops the connection without a packet: the {@link Fault#SILENT_CLOSE} fault. */
    void closeSilently() {
        silentCloseFilter.closeSilently(channel);
    }

    private void closeIfDrained() {
        if (goAwayId < 0 || openRequests > 0 || drainCloseScheduled) {
            return;
        }
        drainCloseScheduled = true;
        channel.eventLoop().schedule(() -> {
            if (openRequests == 0) {
                channel.close(true, (int) H3Error.H3_NO_ERROR, Unpooled.EMPTY_BUFFER);
            } else {
                drainCloseScheduled = false;
            }
        }, DRAIN_GRACE_MILLIS, TimeUnit.MILLISECONDS);
    }
}
