package dev.quiver.core.interop.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.core.interop.Outcome;
import dev.quiver.core.interop.Verdict;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultiplexingTest {

    @TempDir
    Path www;

    @Test
    void moreDownloadsThanTheCreditWithRaisesPass() throws Exception {
        FakeEngine e = new FakeEngine();
        e.initialCredit = 5;
        Outcome o = e.run(new Multiplexing(), www);
        assertEquals(Verdict.PASS, o.verdict(), o.detail());
        assertTrue(o.detail().startsWith("20 downloads on one connection with an initial credit of 5 streams"), o.detail());
    }

    @Test
    void noRaiseOrAStreamBeyondCreditFails() throws Exception {
        FakeEngine e = new FakeEngine();
        e.creditRaises = 0;
        assertEquals(Verdict.FAIL, e.run(new Multiplexing(), www).verdict());
        FakeEngine beyond = new FakeEngine();
        beyond.beyondCredit = 1;
        assertEquals(Verdict.FAIL, beyond.run(new Multiplexing(), www).verdict());
    }

    @Test
    void aCreditCoveringEveryRequestIsNotShown() throws Exception {
        FakeEngine e = new FakeEngine();
        e.initialCredit = 5000;
        Outcome o = e.run(new Multiplexing(), www);
        assertEquals(Verdict.NOT_SHOWN, o.verdict());
        assertEquals(0, e.clients.size() - 1, "one client, no files written");
    }
}
