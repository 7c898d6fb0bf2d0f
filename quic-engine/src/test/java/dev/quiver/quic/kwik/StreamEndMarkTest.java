package dev.quiver.quic.kwik;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tech.kwik.core.StreamClosedException;

/**
 * A response stream that ends abruptly marks the reading thread (so that Flupke's connection close
 * that follows is dropped), whether Kwik says so with an exception or, racing its own abort, with an
 * early end of the stream; an ordinary end of a stream marks nothing.
 */
class StreamEndMarkTest {

    @AfterEach
    void forget() {
        StreamEndMark.clear();
    }

    @Test
    void streamClosedMarksTheThreadOnce() {
        InputStream in = StreamEndMark.input(failing(new StreamClosedException("Stream reset by peer")), () -> false);
        assertThrows(StreamClosedException.class, () -> in.read(new byte[8], 0, 8));
        assertTrue(StreamEndMark.takeMark());
        assertFalse(StreamEndMark.takeMark(), "taken once");
    }

    @Test
    void theConnectionsCloseIsNoStreamError() {
        InputStream in = StreamEndMark.input(failing(new StreamClosedException("Connection closed")), () -> true);
        assertThrows(StreamClosedException.class, in::read);
        assertFalse(StreamEndMark.takeMark());
    }

    @Test
    void anEndOfStreamAfterAnAbortMarksTheThread() throws Exception {
        AtomicBoolean aborted = new AtomicBoolean();
        InputStream in = StreamEndMark.input(new ByteArrayInputStream(new byte[] {1}), aborted::get);
        assertEquals(1, in.read());
        aborted.set(true);
        assertEquals(-1, in.read(new byte[8], 0, 8));
        assertTrue(StreamEndMark.takeMark(), "the end of an aborted stream is the abort's, not the server's");
    }

    @Test
    void anOrdinaryEndOfStreamMarksNothing() throws Exception {
        InputStream in = StreamEndMark.input(new ByteArrayInputStream(new byte[0]), () -> false);
        assertEquals(-1, in.read());
        assertEquals(-1, in.read(new byte[8], 0, 8));
        assertFalse(StreamEndMark.takeMark());
    }

    private static InputStream failing(StreamClosedException e) {
        return new InputStream() {
            @Override
            public int read() throws java.io.IOException {
                throw e;
            }

            @Override
            public int read(byte[] b, int off, int len) throws java.io.IOException {
                throw e;
            }
        };
    }
}
