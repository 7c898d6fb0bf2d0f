package dev.quiver.h2.client.http2;

import dev.quiver.core.stream.StreamRecord;
import java.util.ArrayDeque;

/**
 * Request bodies within the server's flow-control credit (RFC 9113, 5.2): a body goes out as far
 * as both its stream's and the connection's window allow, and the rest waits for WINDOW_UPDATE.
 * Only streams with body bytes still to send are held here (their {@link PendingBody} is the
 * stream's handle on its {@link StreamRecord}); a request without a body costs nothing.
 */
final class SendCredit {

    /** What is left of one stream's body (one of the run's, shared, never copied), and that stream's window. */
    static final class PendingBody {
        final byte[] body;
        int offset;
        long window;

        PendingBody(byte[] body, long window) {
            this.body = body;
            this.window = window;
        }
    }

    /** Writes a DATA frame: stream, the body, offset in it, length, whether it ends the stream. */
    interface DataSink {
        void data(int streamId, byte[] body, int offset, int length, boolean endStream);
    }

    /** Made by the first body: most runs send none, and an empty deque is 100 bytes on every connection. */
    private ArrayDeque<StreamRecord> waiting;
    private long connectionWindow = ReceiveCredit.DEFAULT_WINDOW;
    private long initialStreamWindow = ReceiveCredit.DEFAULT_WINDOW;
    private int maxFrameSize = 16_384;

    /** A stream whose HEADERS went out and whose {@code body} is to follow. */
    void add(StreamRecord r, byte[] body, DataSink sink) {
        // Streams that ended while blocked (timed out, reset) leave now: the queue never holds more
        // than the live streams, even when the server never gives credit.
        if (waiting == null) {
            waiting = new ArrayDeque<>();
        }
        waiting.removeIf(StreamRecord::isEnded);
        r.attach(new PendingBody(body, initialStreamWindow));
        waiting.add(r);
        send(sink);
    }

    void connectionCredit(int increment, DataSink sink) {
        connectionWindow += increment;
        send(sink);
    }

    void streamCredit(StreamRecord r, int increment, DataSink sink) {
        if (r.handle() instanceof PendingBody p) {
            p.window += increment;
            send(sink);
        }
    }

    /** SETTINGS_INITIAL_WINDOW_SIZE changed: every open stream's window moves by the difference (6.9.2). */
    void initialStreamWindow(int size, DataSink sink) {
        long delta = size - initialStreamWindow;
        initialStreamWindow = size;
        if (waiting == null) {
            return;
        }
        for (StreamRecord r : waiting) {
            if (r.handle() instanceof PendingBody p) {
                p.window += delta;
            }
        }
        send(sink);
    }

    void maxFrameSize(int size) {
        maxFrameSize = size;
    }

    int maxFrameSize() {
        return maxFrameSize;
    }

    /** Whether this stream still has body bytes to send (a response that ends first leaves them unsent). */
    static boolean unsent(StreamRecord r) {
        return r.handle() instanceof PendingBody;
    }

    private void send(DataSink sink) {
        if (waiting == null) {
            return;
        }
        int rounds = waiting.size();
        while (rounds-- > 0 && connectionWindow > 0) {
            StreamRecord r = waiting.poll();
            if (r.isEnded() || !(r.handle() instanceof PendingBody p)) {
                continue;
            }
            byte[] body = p.body;
            while (p.offset < body.length && p.window > 0 && connectionWindow > 0) {
                int n = (int) Math.min(Math.min(body.length - p.offset, maxFrameSize), Math.min(p.window, connectionWindow));
                boolean last = p.offset + n == body.length;
                sink.data((int) r.streamId(), body, p.offset, n, last);
                r.addBytesOut(n);
                p.offset += n;
                p.window -= n;
                connectionWindow -= n;
            }
            if (p.offset < p.body.length) {
                waiting.add(r); // its turn comes again with the next credit
            } else {
                r.attach(null);
            }
        }
    }
}
