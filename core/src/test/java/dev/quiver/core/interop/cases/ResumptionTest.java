package dev.quiver.core.interop.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.core.interop.Outcome;
import dev.quiver.core.interop.Verdict;
import org.junit.jupiter.api.Test;

class ResumptionTest {

    @Test
    void theSecondConnectionResumes() throws Exception {
        FakeEngine e = new FakeEngine();
        Outcome o = e.run(new Resumption(), null);
        assertEquals(Verdict.PASS, o.verdict(), o.detail());
        assertEquals(2, e.connections);
    }

    @Test
    void aFullSecondHandshakeOrNoTicketFails() throws Exception {
        FakeEngine full = new FakeEngine();
        full.resumes = false;
        Outcome o = full.run(new Resumption(), null);
        assertEquals(Verdict.FAIL, o.verdict());
        assertTrue(o.detail().startsWith("second connection did a full handshake"), o.detail());
        FakeEngine noTicket = new FakeEngine();
        noTicket.ticket = false;
        assertEquals("the server sent no session ticket on the first connection",
                noTicket.run(new Resumption(), null).detail());
    }
}
