package dev.quiver.core.interop.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.core.interop.KeyPhases;
import dev.quiver.core.interop.Outcome;
import dev.quiver.core.interop.Verdict;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyUpdateTest {

    @TempDir
    Path www;

    @Test
    void anUpdateDuringTheDownloadFollowedBothWaysPasses() throws Exception {
        FakeEngine e = new FakeEngine();
        e.asyncMillis = 300;
        Outcome o = e.run(new KeyUpdate(), www);
        assertEquals(Verdict.PASS, o.verdict(), o.detail());
        assertTrue(o.detail().startsWith("key update started during a 5242880-byte download"), o.detail());
    }

    @Test
    void aServerThatDoesNotFollowFails() throws Exception {
        FakeEngine e = new FakeEngine();
        e.asyncMillis = 300;
        e.keyPhases = new KeyPhases(1, 0);
        assertEquals(Verdict.FAIL, e.run(new KeyUpdate(), www).verdict());
    }

    @Test
    void aSmallNamedResourceIsNotShownAndAHiddenKeyPhaseUnsupported() throws Exception {
        assertEquals(Verdict.NOT_SHOWN, new FakeEngine().run(new KeyUpdate(), null).verdict());
        FakeEngine hidden = new FakeEngine();
        hidden.keyPhases = null;
        assertEquals(new Outcome(Verdict.UNSUPPORTED, "this stack hides the key phase"), hidden.run(new KeyUpdate(), www));
    }
}
