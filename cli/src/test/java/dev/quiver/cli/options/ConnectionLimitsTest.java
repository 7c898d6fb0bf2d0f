package dev.quiver.cli.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConnectionLimitsTest {

    @Test
    void connectionsThatFitPass() {
        ConnectionLimits l = new ConnectionLimits(20_000, 20_000, 30, 28_232);
        assertNull(l.problem(19_000, 2, "-c 19000"));
        assertNull(l.problem(1, 1, "-c 1"));
    }

    @Test
    void tooManyForTheDescriptorLimitSaysTheLimitAndHowToRaiseIt() {
        ConnectionLimits l = new ConnectionLimits(20_000, 20_000, 30, 100_000);
        String m = l.problem(100_000, 2, "-c 100000");
        // 30 open + 100000 sockets + 2 x 3 per event loop + 64 reserve
        assertEquals("-c 100000 needs about 100100 file descriptors, but this process may open 20000 (ulimit -n): "
                + "lower it (at most 19900 connections fit) or raise the limit with 'ulimit -n 100100' "
                + "(as root, since the hard limit is 20000)", m);
    }

    @Test
    void belowTheHardLimitNoRootIsNeeded() {
        String m = new ConnectionLimits(1024, 65_536, 20, -1).problem(5_000, 1, "-c 5000");
        assertTrue(m.contains("this process may open 1024"), m);
        assertTrue(m.endsWith("(up to the hard limit 65536)"), m);
    }

    @Test
    void moreThanTheLocalPortsToOneAddressIsRefused() {
        String m = new ConnectionLimits(1_000_000, 1_000_000, 20, 28_232).problem(30_000, 2, "-c 30000");
        assertTrue(m.startsWith("-c 30000 needs 30000 local ports to one address, but the system has 28232"), m);
    }

    @Test
    void unknownLimitsStillBoundWhatOneProcessAsksFor() {
        ConnectionLimits unknown = new ConnectionLimits(-1, -1, 0, -1);
        assertNull(unknown.problem(500_000, 2, "-c 500000"));
        assertTrue(unknown.problem(100_000_000, 2, "-c 100000000").contains("at most 1000000"));
    }

    @Test
    void thisMachinesLimitsAreRead() {
        ConnectionLimits now = ConnectionLimits.current();
        assertTrue(now.descriptorLimit() > 0, now.toString());
        assertTrue(now.hardDescriptorLimit() >= now.descriptorLimit() || now.hardDescriptorLimit() == -1, now.toString());
        assertTrue(now.openNow() > 0, now.toString());
        assertTrue(now.localPorts() > 1000, now.toString());
    }
}
