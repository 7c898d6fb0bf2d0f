package dev.quiver.h2.client.http2;

import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;

/**
 * The flow-control credit quiver gives the server (RFC 9113, 5.2). quiver reads every body as it
 * arrives, so credit comes back as soon as half of a window is used: for the connection from a
 * running count, for a stream from the bytes it has received (no per-stream state of its own).
 */
final class ReceiveCredit {

    /** Receive window per stream and per connection (HTTP/2's default is 64 KiB for both). */
    static final int STREAM_WINDOW = 16 << 20;
    static final int CONNECTION_WINDOW = 64 << 20;
    static final int DEFAULT_WINDOW = 65_535;

    private long connectionWindow = DEFAULT_WINDOW;
    private int unacknowledged;

    /** Raises the connection's window from the protocol's default; returns the increment to send. */
    int openConnection() {
        connectionWindow = CONNECTION_WINDOW;
        return CONNECTION_WINDOW - DEFAULT_WINDOW;
    }

    /**
     * Takes {@code length} bytes of a DATA frame (payload and padding) from the connection's window.
     *
     * @return the connection credit to return now, or 0
     * @throws Http2Exception FLOW_CONTROL_ERROR when the server sent more than it was allowed
     */
    int consume(int length) throws Http2Exception {
        connectionWindow -= length;
        if (connectionWindow < 0) {
            throw Http2Exception.connectionError(Http2Error.FLOW_CONTROL_ERROR,
                    "DATA beyond the connection's flow-control window");
        }
        unacknowledged += length;
        if (unacknowledged < CONNECTION_WINDOW / 2) {
            return 0;
        }
        int credit = unacknowledged;
        unacknowledged = 0;
        connectionWindow += credit;
        return credit;
    }

    /** The credit to return to a stream whose body grew from {@code before} to {@code after} bytes, or 0. */
    static int streamCredit(long before, long after) {
        long half = STREAM_WINDOW / 2;
        return (int) ((after / half - before / half) * half);
    }
}
