package dev.quiver.core.interop.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.core.interop.Outcome;
import dev.quiver.core.interop.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class LongRttTest {

    @Test
    void setsALongRttAndPassesWhenTheInitialWasSentTwice() throws Exception {
        FakeEngine e = new FakeEngine();
        e.link = new FakeLink();
        e.initials = 3;
        Outcome o = e.run(new LongRtt(), null);
        assertEquals(Verdict.PASS, o.verdict(), o.detail());
        assertTrue(o.detail().contains("3 Initial packets sent"), o.detail());
        assertEquals(List.of("set rtt=1500ms", "restore"), e.link.calls);
    }

    @Test
    void oneInitialFailsAndTheLinkIsRestoredAnyway() throws Exception {
        FakeEngine e = new FakeEngine();
        e.link = new FakeLink();
        assertEquals(Verdict.FAIL, e.run(new LongRtt(), null).verdict());
        assertEquals(List.of("set rtt=1500ms", "restore"), e.link.calls);
    }

    @Test
    void outsideALabItIsUnsupported() throws Exception {
        Outcome o = new FakeEngine().run(new LongRtt(), null);
        assertEquals(new Outcome(Verdict.UNSUPPORTED, "needs quiver lab (the case sets the link's impairments)"), o);
    }
}
