package dev.quiver.core.interop.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.core.interop.Outcome;
import dev.quiver.core.interop.PathValidation;
import dev.quiver.core.interop.Verdict;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RebindingTest {

    @TempDir
    Path www;

    private static FakeEngine engine(long rebinds) {
        FakeEngine e = new FakeEngine();
        e.link = new FakeLink();
        e.link.report = "{\"to_server\":{\"received\":9},\"to_client\":{\"received\":9},\"nat_rebinds\":" + rebinds + "}";
        e.caseSettings = Map.of("rebind-port.bytes", 50_000L, "rebind-addr.bytes", 50_000L);
        return e;
    }

    @Test
    void everyChallengeAnsweredThroughTheRunnersRebindingsPasses() throws Exception {
        FakeEngine e = engine(2);
        e.paths = new PathValidation(4, 4, 0);
        Outcome o = e.run(new RebindPort(), www);
        assertEquals(Verdict.PASS, o.verdict(), o.detail());
        assertEquals(List.of("set rtt=30ms rate=10mbit queue=25p rebind-port=5s rebind-first=1s", "restore"), e.link.calls);
        assertTrue(o.detail().contains("2 NAT rebindings by the link during the transfer; 50000 bytes, byte-exact"), o.detail());
        assertTrue(o.detail().endsWith("4 PATH_CHALLENGE received, 4 PATH_RESPONSE sent, every challenge answered"), o.detail());
        e.link.calls.clear();
        assertEquals(Verdict.PASS, e.run(new RebindAddr(), www).verdict());
        assertEquals("set rtt=30ms rate=10mbit queue=25p rebind-port=5s rebind-addr=5s rebind-first=1s", e.link.calls.get(0));
    }

    @Test
    void aStackThatHidesPathValidationIsNotShownNeverAPass() throws Exception {
        Outcome o = engine(2).run(new RebindPort(), www);
        assertEquals(Verdict.NOT_SHOWN, o.verdict());
        assertTrue(o.detail().endsWith("path validation not shown: this stack hides path validation"), o.detail());
    }

    @Test
    void noChallengeOrAnUnansweredOneFails() throws Exception {
        FakeEngine e = engine(1);
        e.paths = new PathValidation(0, 0, 0);
        Outcome o = e.run(new RebindAddr(), www);
        assertEquals(Verdict.FAIL, o.verdict());
        assertTrue(o.detail().endsWith("the server never validated the client's new path"), o.detail());
        e.paths = new PathValidation(3, 2, 1);
        assertEquals(Verdict.FAIL, e.run(new RebindAddr(), www).verdict());
    }

    @Test
    void noRebindingDuringTheTransferIsNotShown() throws Exception {
        FakeEngine e = engine(0);
        e.paths = new PathValidation(0, 0, 0);
        assertEquals(Verdict.NOT_SHOWN, e.run(new RebindPort(), www).verdict());
    }
}
