package dev.quiver.quic.kwik;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.core.engine.ConnectionEvents;
import dev.quiver.quic.testing.ConnectOutcome;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scheduler hears of a hedged connect exactly once, whatever its attempts do. */
class HedgedConnectTest {

    /** The connect failures the scheduler was told of. */
    private final List<String> failures = new ArrayList<>();
    private final ConnectionEvents events = new ConnectOutcome(c -> { }, (category, cause) -> failures.add(category));

    @Test
    void theFirstAttemptToConnectWinsAndTheOthersAreTurnedAway() {
        HedgedConnect c = new HedgedConnect(events, Long.MAX_VALUE);
        assertTrue(c.tryStart());
        assertTrue(c.tryStart());
        assertTrue(c.connected());
        assertFalse(c.connected(), "the second attempt to connect must close its connection");
        assertFalse(c.tryStart(), "no attempt starts once the connect is over");
        assertEquals(List.of(), failures);
    }

    @Test
    void aFailureIsReportedOnlyWhenNoOtherAttemptIsUnderWay() {
        HedgedConnect c = new HedgedConnect(events, Long.MAX_VALUE);
        c.tryStart();
        c.tryStart();
        c.failed("quic: handshake not confirmed", null);
        assertEquals(List.of(), failures, "the other attempt may still connect");
        c.failed("quic: handshake timed out", null);
        assertEquals(List.of("quic: handshake timed out"), failures);
    }

    @Test
    void aFailedAttemptDoesNotSpoilASuccessfulOne() {
        HedgedConnect c = new HedgedConnect(events, Long.MAX_VALUE);
        c.tryStart();
        c.tryStart();
        c.failed("quic: handshake not confirmed", null);
        assertTrue(c.connected());
        assertEquals(List.of(), failures);
    }

    @Test
    void attemptsAreCappedAndTheDeadlineEndsTheConnectOnce() {
        HedgedConnect c = new HedgedConnect(events, Long.MAX_VALUE);
        for (int i = 0; i < HedgedConnect.MAX_ATTEMPTS; i++) {
            assertTrue(c.tryStart());
        }
        assertFalse(c.tryStart());
        c.expire();
        c.expire();
        for (int i = 0; i < HedgedConnect.MAX_ATTEMPTS; i++) {
            c.failed("quic: handshake timed out", null);
        }
        assertFalse(c.connected(), "a connection made after the deadline is closed, not handed over");
        assertEquals(List.of("quic: handshake timed out"), failures);
    }
}
