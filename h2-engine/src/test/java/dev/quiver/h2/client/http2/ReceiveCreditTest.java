package dev.quiver.h2.client.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import org.junit.jupiter.api.Test;

class ReceiveCreditTest {

    @Test
    void connectionCreditComesBackAtHalfTheWindow() throws Exception {
        ReceiveCredit c = new ReceiveCredit();
        assertEquals(ReceiveCredit.CONNECTION_WINDOW - 65_535, c.openConnection());
        int half = ReceiveCredit.CONNECTION_WINDOW / 2;
        assertEquals(0, c.consume(half - 1));
        assertEquals(half, c.consume(1));
        // A server that keeps within the window can send forever.
        long returned = 0;
        for (int i = 0; i < 10_000; i++) {
            returned += c.consume(16_384);
        }
        assertEquals(10_000L * 16_384 - 10_000L * 16_384 % half, returned);
    }

    @Test
    void aServerBeyondTheWindowIsAFlowControlError() throws Exception {
        ReceiveCredit c = new ReceiveCredit();
        c.consume(65_000);
        Http2Exception e = assertThrows(Http2Exception.class, () -> c.consume(1_000));
        assertEquals(Http2Error.FLOW_CONTROL_ERROR, e.error());
    }

    @Test
    void streamCreditAtEveryHalfWindowCrossed() {
        long half = ReceiveCredit.STREAM_WINDOW / 2;
        assertEquals(0, ReceiveCredit.streamCredit(0, half - 1));
        assertEquals(half, ReceiveCredit.streamCredit(half - 1, half));
        assertEquals(3 * half, ReceiveCredit.streamCredit(half - 1, 3 * half));
        assertEquals(0, ReceiveCredit.streamCredit(half, 2 * half - 1));
    }
}
