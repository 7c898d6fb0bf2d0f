package dev.quiver.h2.client.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.core.stream.ConnectionStreams;
import dev.quiver.core.stream.StreamRecord;
import dev.quiver.core.stream.StreamState;
import dev.quiver.core.stream.StreamTracker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SendCreditTest {

    /** One DATA frame as the sink saw it. */
    record Frame(int stream, int offset, int length, boolean end) {
    }

    private final StreamTracker tracker = new StreamTracker(Duration.ZERO, null);
    private final ConnectionStreams streams = tracker.register(s -> { });
    private final List<Frame> frames = new ArrayList<>();
    private final SendCredit.DataSink sink = (id, body, offset, length, end) -> frames.add(new Frame(id, offset, length, end));

    @AfterEach
    void close() {
        tracker.close();
    }

    private int sent(int stream) {
        return frames.stream().filter(f -> f.stream() == stream).mapToInt(Frame::length).sum();
    }

    @Test
    void aBodyGoesOutInFramesWithinTheDefaultWindowsThenWaitsForCredit() {
        SendCredit credit = new SendCredit();
        byte[] body = new byte[100_000];
        StreamRecord r = streams.open(1, 0, 0);
        credit.add(r, body, sink);
        assertEquals(65_535, sent(1), "the default windows allow 65,535 bytes");
        assertTrue(frames.stream().allMatch(f -> f.length() <= 16_384), "no frame above the default frame size");
        assertFalse(frames.get(frames.size() - 1).end());
        assertTrue(SendCredit.unsent(r));

        credit.streamCredit(r, 50_000, sink);
        assertEquals(65_535, sent(1), "stream credit alone does not open the connection's window");
        credit.connectionCredit(50_000, sink);
        assertEquals(100_000, sent(1));
        assertTrue(frames.get(frames.size() - 1).end(), "the last frame ends the stream");
        assertFalse(SendCredit.unsent(r));
        assertEquals(100_000, r.bytesOut());
    }

    @Test
    void theConnectionWindowIsSharedInOrderAndSettingsMoveOpenStreams() {
        SendCredit credit = new SendCredit();
        byte[] body = new byte[40_000];
        StreamRecord a = streams.open(1, 0, 0);
        StreamRecord b = streams.open(3, 0, 0);
        credit.add(a, body, sink);
        credit.add(b, body, sink);
        assertEquals(40_000, sent(1));
        assertEquals(25_535, sent(3));
        credit.initialStreamWindow(30_000, sink); // b's window shrinks below what it sent: it waits
        credit.connectionCredit(100_000, sink);
        assertEquals(30_000, sent(3));
        credit.streamCredit(b, 10_000, sink);
        assertEquals(40_000, sent(3));
    }

    @Test
    void streamsThatEndWhileBlockedLeaveTheQueue() {
        SendCredit credit = new SendCredit();
        byte[] body = new byte[70_000];
        StreamRecord first = streams.open(1, 0, 0);
        credit.add(first, body, sink); // takes the whole connection window
        for (int i = 0; i < 1000; i++) {
            StreamRecord r = streams.open(3 + 2L * i, 0, 0);
            credit.add(r, body, sink);
            r.end(StreamState.TIMED_OUT, "timed_out");
        }
        credit.streamCredit(first, 10_000, sink);
        frames.clear();
        credit.connectionCredit(10_000, sink);
        assertEquals(4_465, sent(1), "only the first stream's body was still waiting");
        assertEquals(frames.size(), frames.stream().filter(f -> f.stream() == 1).count());
    }
}
