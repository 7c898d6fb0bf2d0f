package dev.quiver.core.interop.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.core.interop.ClientOptions;
import dev.quiver.core.interop.Outcome;
import dev.quiver.core.interop.Verdict;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransferTest {

    @TempDir
    Path www;

    @Test
    void theRunnersSizesThroughSmallWindowsPass() throws Exception {
        FakeEngine e = new FakeEngine();
        Outcome o = e.run(new Transfer(), www);
        assertEquals(Verdict.PASS, o.verdict(), o.detail());
        assertTrue(o.detail().contains("3 downloads of 2097152, 3145728, 5242880 bytes"), o.detail());
        assertEquals(ClientOptions.PLAIN.withWindows(1 << 20, 256 << 10), e.clients.get(0));
    }

    @Test
    void aSmallNamedResourceShowsNoCreditExtension() throws Exception {
        FakeEngine e = new FakeEngine();
        Outcome o = e.run(new Transfer(), null);
        assertEquals(Verdict.NOT_SHOWN, o.verdict(), o.detail());
        assertTrue(o.detail().contains("the resource fits the receive windows"), o.detail());
    }

    @Test
    void aStackThatCountsCreditFramesMustHaveSentOne() throws Exception {
        FakeEngine e = new FakeEngine();
        e.creditFrames = 0;
        assertEquals(Verdict.NOT_SHOWN, e.run(new Transfer(), www).verdict());
        e.creditFrames = 12;
        Outcome o = e.run(new Transfer(), www);
        assertEquals(Verdict.PASS, o.verdict());
        assertTrue(o.detail().contains("12 MAX_DATA/MAX_STREAM_DATA frames sent"), o.detail());
    }

    @Test
    void aNamedResourceThatChangesBetweenFetchesFails() throws Exception {
        FakeEngine e = new FakeEngine();
        int[] n = {0};
        e.tamper = b -> n[0]++ == 1 ? "ko".getBytes() : b;
        Outcome o = e.run(new Transfer(), null);
        assertEquals(Verdict.FAIL, o.verdict());
        assertTrue(o.detail().contains("not the bytes of the first fetch"), o.detail());
    }
}
