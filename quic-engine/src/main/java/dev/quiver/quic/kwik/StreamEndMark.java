package dev.quiver.quic.kwik;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.BooleanSupplier;
import tech.kwik.core.StreamClosedException;

/**
 * Keeps a stream error a stream error. When a response stream ends abruptly (the peer's
 * RESET_STREAM, or quiver's own abort of a timed-out request), Flupke 0.9.4 may read the failure
 * between two DATA frames, call it a frame error and close the whole QUIC connection with
 * H3_FRAME_ERROR, taking every other request on it along. The response stream's reads go through
 * {@link #input}, which marks the reading thread when Kwik says the stream (not the connection) is
 * closed, or when a read ends the stream early (-1) after the stream was reset or aborted: Kwik's
 * abort discards the buffered data, and a reader that races it sees the end of the stream instead
 * of the exception. {@link StreamCapture} then does not pass on the connection close Flupke issues
 * next on that same thread. The request itself still fails, and is ended by its own outcome.
 */
final class StreamEndMark {

    private static final ThreadLocal<Boolean> MARKED = new ThreadLocal<>();

    private StreamEndMark() {
    }

    /**
     * The response stream's input, marking the thread that sees it end abruptly; {@code resetOrAborted}
     * tells whether the stream was reset by the peer or aborted by quiver.
     */
    static InputStream input(InputStream kwikInput, BooleanSupplier resetOrAborted) {
        return new FilterInputStream(kwikInput) {
            @Override
            public int read() throws IOException {
                try {
                    return endChecked(super.read());
                } catch (StreamClosedException e) {
                    throw marked(e);
                }
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    return endChecked(in.read(b, off, len));
                } catch (StreamClosedException e) {
                    throw marked(e);
                }
            }

            private int endChecked(int n) {
                if (n < 0 && resetOrAborted.getAsBoolean()) {
                    MARKED.set(Boolean.TRUE);
                }
                return n;
            }
        };
    }

    private static StreamClosedException marked(StreamClosedException e) {
        // Kwik's texts: "Stream reset by peer", "Stream closed" (aborted here); "Connection closed" is the connection's.
        String m = e.getMessage();
        if (m == null || !m.contains("Connection closed")) {
            MARKED.set(Boolean.TRUE);
        }
        return e;
    }

    /** True, once, when this thread last saw its response stream end abruptly. */
    static boolean takeMark() {
        if (MARKED.get() == null) {
            return false;
        }
        MARKED.remove();
        return true;
    }

    /** Forgets a mark that no connection close followed (the thread may serve another request). */
    static void clear() {
        MARKED.remove();
    }
}
