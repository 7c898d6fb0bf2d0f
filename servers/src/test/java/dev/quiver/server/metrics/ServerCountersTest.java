package dev.quiver.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.server.fault.Fault;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ServerCountersTest {

    @Test
    void countsConnectionsRequestsAndFaults() {
        ServerCounters counters = new ServerCounters();
        counters.connectionOpened();
        counters.connectionOpened();
        counters.connectionClosed();
        counters.requestReceived();
        counters.requestReceived();
        counters.requestReceived();
        counters.responseCompleted();
        counters.faultInjected(Fault.RESET);
        counters.faultInjected(Fault.STALL);
        assertEquals(2, counters.connectionsAccepted());
        assertEquals(1, counters.connectionsOpen());
        assertEquals(3, counters.requestsReceived());
        assertEquals(1, counters.responsesCompleted());
        assertEquals(1, counters.faultsInjected(Fault.RESET));
        assertEquals(0, counters.faultsInjected(Fault.CLOSE));
        assertEquals(2, counters.faultsInjected());
        assertEquals("requests=3 responses=1 connections=2 open=1 goaway=0 close=0 reset=1 stall=1 silent-close=0"
                + " accept-failures=0 shed=0 loop-errors=0", counters.toString());
    }

    @Test
    void countsSurvivedTroubleAndKeepsOnlyTheLatestFailureOfEachKind() {
        ServerCounters counters = new ServerCounters();
        IOException first = new IOException("accept(..) failed: Too many open files");
        IOException second = new IOException("accept(..) failed: Too many open files in system");
        counters.acceptFailed(first);
        counters.acceptFailed(second);
        counters.connectionsShed(7);
        counters.connectionsShed(3);
        NoClassDefFoundError loop = new NoClassDefFoundError("Could not initialize class x");
        counters.eventLoopError(loop);
        assertEquals(2, counters.acceptFailures());
        assertSame(second, counters.lastAcceptFailure());
        assertEquals(10, counters.connectionsShed());
        assertEquals(1, counters.eventLoopErrors());
        assertSame(loop, counters.lastEventLoopError());
        assertTrue(counters.toString().endsWith(" accept-failures=2 shed=10 loop-errors=1"), counters.toString());
    }
}
