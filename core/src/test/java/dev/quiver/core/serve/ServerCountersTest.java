package dev.quiver.core.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
        assertEquals("requests=3 responses=1 connections=2 open=1 goaway=0 close=0 reset=1 stall=1 silent-close=0",
                counters.toString());
    }
}
