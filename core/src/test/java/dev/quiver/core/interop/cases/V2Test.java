package dev.quiver.core.interop.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.core.interop.Outcome;
import dev.quiver.core.interop.Verdict;
import org.junit.jupiter.api.Test;

class V2Test {

    @Test
    void negotiatedV2PassesAServerOnV1Fails() throws Exception {
        FakeEngine e = new FakeEngine();
        e.version = "v2";
        assertEquals(Verdict.PASS, e.run(new V2(), null).verdict());
        assertEquals("v2", e.clients.get(0).version());
        Outcome o = new FakeEngine().run(new V2(), null);
        assertEquals(Verdict.FAIL, o.verdict());
        assertTrue(o.detail().contains("the server stayed on v1"), o.detail());
    }
}
