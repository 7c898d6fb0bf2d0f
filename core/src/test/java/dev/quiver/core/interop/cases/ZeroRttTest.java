package dev.quiver.core.interop.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.core.interop.BodyDigest;
import dev.quiver.core.interop.EarlyData;
import dev.quiver.core.interop.Outcome;
import dev.quiver.core.interop.Response;
import dev.quiver.core.interop.Verdict;
import org.junit.jupiter.api.Test;

class ZeroRttTest {

    private static final Response OK = new Response(0, 200, 2, 2, 3, BodyDigest.of("ok".getBytes()));

    @Test
    void acceptedEarlyDataPasses() throws Exception {
        FakeEngine e = new FakeEngine();
        e.early = new EarlyData(true, true, OK, "request sent in 1 0-RTT packets");
        Outcome o = e.run(new ZeroRtt(), null);
        assertEquals(Verdict.PASS, o.verdict(), o.detail());
        assertTrue(e.clients.get(0).earlyData(), "the client keeps tickets that allow early data");
    }

    @Test
    void declinedEveryTryFailsWithEachTryShown() throws Exception {
        FakeEngine e = new FakeEngine();
        e.early = new EarlyData(true, false, OK, "early data declined by the server");
        Outcome o = e.run(new ZeroRtt(), null);
        assertEquals(Verdict.FAIL, o.verdict());
        assertTrue(o.detail().startsWith("0-RTT never accepted in 3 tries: try 1: early data declined"), o.detail());
        assertTrue(o.detail().contains("try 3:"), o.detail());
    }

    @Test
    void noEarlyDataSentFailsAtOnce() throws Exception {
        FakeEngine e = new FakeEngine();
        e.early = new EarlyData(false, false, null, "no 0-RTT keys");
        assertEquals(new Outcome(Verdict.FAIL, "no 0-RTT keys"), e.run(new ZeroRtt(), null));
    }
}
