package dev.quiver.core.interop.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.core.interop.Outcome;
import dev.quiver.core.interop.Verdict;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Http3Test {

    @TempDir
    Path www;

    @Test
    void theRunnersThreeFilesInParallelPass() throws Exception {
        Outcome o = new FakeEngine().run(new Http3(), www);
        assertEquals(Verdict.PASS, o.verdict(), o.detail());
        assertTrue(o.detail().startsWith("3 parallel GETs: all 200, byte-exact"), o.detail());
    }

    @Test
    void aTruncatedBodyFails() throws Exception {
        FakeEngine e = new FakeEngine();
        e.tamper = b -> java.util.Arrays.copyOf(b, b.length - 1);
        Outcome o = e.run(new Http3(), www);
        assertEquals(Verdict.FAIL, o.verdict());
        assertTrue(o.detail().contains("5119 bytes, the file written had 5120"), o.detail());
    }
}
