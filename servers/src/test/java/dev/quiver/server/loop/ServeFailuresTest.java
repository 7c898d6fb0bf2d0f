package dev.quiver.server.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.server.config.ListenException;
import dev.quiver.server.metrics.ServerCounters;
import java.io.IOException;
import java.net.BindException;
import org.junit.jupiter.api.Test;

/** How the reference servers tell their failures apart: exhaustion, bind failures, survivable errors. */
class ServeFailuresTest {

    @Test
    void descriptorExhaustionIsFoundAnywhereInTheCauseChain() {
        assertTrue(DescriptorExhaustion.is(new IOException("accept(..) failed: Too many open files")));
        assertTrue(DescriptorExhaustion.is(new IOException("Too many open files in system"))); // ENFILE
        assertTrue(DescriptorExhaustion.is(new IllegalStateException("failed to create a child event loop",
                new RuntimeException("failed to open a new selector", new IOException("Too many open files")))));
        assertFalse(DescriptorExhaustion.is(new IOException("Connection reset by peer")));
        assertFalse(DescriptorExhaustion.is(new IOException((String) null)));
        Exception loop = new Exception("a");
        Exception other = new Exception("b", loop);
        loop.initCause(other); // a cycle must not hang
        assertFalse(DescriptorExhaustion.is(loop));
    }

    @Test
    void bindFailuresBecomeOneLineAndAReason() {
        ListenException inUse = ListenException.of("TCP", "127.0.0.1", 8443,
                new IOException("bind(..) failed with error(-98): Address already in use"));
        assertEquals(ListenException.Reason.IN_USE, inUse.reason());
        assertEquals("port 8443 (TCP) is already in use", inUse.getMessage());
        ListenException nio = ListenException.of("UDP", "127.0.0.1", 443, new BindException("Address already in use"));
        assertEquals("port 443 (UDP) is already in use", nio.getMessage());
        ListenException notLocal = ListenException.of("TCP", "10.255.255.1", 0,
                new IOException("bind(..) failed with error(-99): Cannot assign requested address"));
        assertEquals(ListenException.Reason.NOT_LOCAL, notLocal.reason());
        assertEquals("cannot listen on 10.255.255.1: not an address of this machine", notLocal.getMessage());
        assertEquals(ListenException.Reason.NO_PERMISSION, ListenException.of("TCP", "0.0.0.0", 80,
                new BindException("Permission denied")).reason());
        assertEquals(ListenException.Reason.NO_DESCRIPTORS, ListenException.of("TCP", "127.0.0.1", 0,
                new IOException("socket(..) failed: Too many open files")).reason());
        ListenException other = ListenException.of("TCP", "127.0.0.1", 1, new RuntimeException("odd"));
        assertEquals(ListenException.Reason.OTHER, other.reason());
        assertEquals("cannot listen on 127.0.0.1:1 (TCP): odd", other.getMessage());
        ListenException unresolved = ListenException.unresolved("no.such.host.invalid");
        assertEquals(ListenException.Reason.UNRESOLVED, unresolved.reason());
        assertEquals("cannot resolve host 'no.such.host.invalid'", unresolved.getMessage());
    }

    @Test
    void anEventLoopSurvivesEverythingButABrokenVirtualMachine() {
        assertTrue(EventLoopFailures.survivable(new NoClassDefFoundError("Could not initialize class ZoneRulesProvider")));
        assertTrue(EventLoopFailures.survivable(new ExceptionInInitializerError("tzdb")));
        assertTrue(EventLoopFailures.survivable(new OutOfMemoryError("Direct buffer memory")));
        assertTrue(EventLoopFailures.survivable(new StackOverflowError()));
        assertTrue(EventLoopFailures.survivable(new IllegalStateException()));
        assertFalse(EventLoopFailures.survivable(new InternalError("vm")));
        assertFalse(EventLoopFailures.survivable(new UnknownError("vm")));
        ServerCounters counters = new ServerCounters();
        Error e = new NoClassDefFoundError("x");
        long t0 = System.nanoTime();
        EventLoopFailures.survived(counters, e);
        assertTrue(System.nanoTime() - t0 >= 40_000_000L, "pauses so that a repeating failure does not spin");
        assertEquals(1, counters.eventLoopErrors());
    }
}
