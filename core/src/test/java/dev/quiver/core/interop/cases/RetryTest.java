package dev.quiver.core.interop.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.core.interop.Outcome;
import dev.quiver.core.interop.Verdict;
import org.junit.jupiter.api.Test;

class RetryTest {

    @Test
    void aRetryBeforeTheHandshakePasses() throws Exception {
        FakeEngine e = new FakeEngine();
        e.retries = 1;
        Outcome o = e.run(new Retry(), null);
        assertEquals(Verdict.PASS, o.verdict(), o.detail());
        assertTrue(o.detail().startsWith("1 Retry received"), o.detail());
    }

    @Test
    void aServerWithoutRetryIsNotShownNeverAPass() throws Exception {
        Outcome o = new FakeEngine().run(new Retry(), null);
        assertEquals(Verdict.NOT_SHOWN, o.verdict());
        assertTrue(o.detail().startsWith("the server sent no Retry"), o.detail());
    }
}
