package dev.quiver.core.interop.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.core.interop.Outcome;
import dev.quiver.core.interop.Verdict;
import org.junit.jupiter.api.Test;

class GoawayTest {

    @Test
    void aGoawayWithTheRequestsBelowItAnsweredPasses() throws Exception {
        FakeEngine e = new FakeEngine();
        e.goawayAfter = 10;
        Outcome o = e.run(new Goaway(), null);
        assertEquals(Verdict.PASS, o.verdict(), o.detail());
        assertTrue(o.detail().startsWith("GOAWAY id 40 after 10 requests; 10 requests below it completed"), o.detail());
        assertEquals(2, e.connections);
    }

    @Test
    void aServerThatNeverSendsGoawayIsNotShown() throws Exception {
        Outcome o = new FakeEngine().run(new Goaway(), null);
        assertEquals(Verdict.NOT_SHOWN, o.verdict());
        assertTrue(o.detail().startsWith("no GOAWAY after 100 requests"), o.detail());
    }
}
