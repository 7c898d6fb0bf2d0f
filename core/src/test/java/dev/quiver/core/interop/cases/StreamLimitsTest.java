package dev.quiver.core.interop.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.core.interop.Outcome;
import dev.quiver.core.interop.Verdict;
import org.junit.jupiter.api.Test;

class StreamLimitsTest {

    @Test
    void neverBeyondTheCreditPasses() throws Exception {
        FakeEngine e = new FakeEngine();
        e.initialCredit = 5;
        Outcome o = e.run(new StreamLimits(), null);
        assertEquals(Verdict.PASS, o.verdict(), o.detail());
        assertTrue(o.detail().startsWith("server's initial MAX_STREAMS 5; 20 requests at once"), o.detail());
    }

    @Test
    void moreOpenAtOnceThanAllowedFails() throws Exception {
        FakeEngine kwikLike = new FakeEngine();
        kwikLike.beyondCredit = 2;
        assertEquals(Verdict.FAIL, kwikLike.run(new StreamLimits(), null).verdict());
        FakeEngine nettyLike = new FakeEngine();
        nettyLike.beyondCredit = -1;
        nettyLike.maxOpen = 101;
        assertEquals(Verdict.FAIL, nettyLike.run(new StreamLimits(), null).verdict());
        nettyLike.maxOpen = 100;
        assertEquals(Verdict.PASS, nettyLike.run(new StreamLimits(), null).verdict());
    }

    @Test
    void aLargeMaxStreamsIsNotShown() throws Exception {
        FakeEngine e = new FakeEngine();
        e.initialCredit = 10_000;
        assertEquals(Verdict.NOT_SHOWN, e.run(new StreamLimits(), null).verdict());
    }
}
