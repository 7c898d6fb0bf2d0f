package dev.quiver.core.interop.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.core.interop.Outcome;
import dev.quiver.core.interop.Verdict;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlackholeTest {

    @TempDir
    Path www;

    @Test
    void anExactDownloadThroughDarkTimesPasses() throws Exception {
        FakeEngine e = new FakeEngine();
        e.link = new FakeLink();
        e.link.report = "{\"to_server\":{\"blackholed\":7},\"to_client\":{\"blackholed\":30}}";
        e.caseSettings = Map.of("blackhole.bytes", 100_000L);
        Outcome o = e.run(new Blackhole(), www);
        assertEquals(Verdict.PASS, o.verdict(), o.detail());
        assertEquals(List.of("set rtt=30ms rate=10mbit queue=25p blackhole=5s/2s", "restore"), e.link.calls);
        assertTrue(o.detail().contains("37 (to server 7, to client 30) packets blackholed by the link; 100000 bytes, byte-exact"), o.detail());
    }

    @Test
    void theRunnersTenMebibytesByDefault() throws Exception {
        FakeEngine e = new FakeEngine();
        e.link = new FakeLink();
        e.link.report = "{\"to_server\":{\"blackholed\":1},\"to_client\":{\"blackholed\":0}}";
        Outcome o = e.run(new Blackhole(), www);
        assertTrue(o.detail().contains("10485760 bytes"), o.detail());
    }

    @Test
    void aDownloadDoneBeforeTheDarkIsNotShownAndACorruptOneFails() throws Exception {
        FakeEngine e = new FakeEngine();
        e.link = new FakeLink();
        e.caseSettings = Map.of("blackhole.bytes", 5000L);
        assertEquals(Verdict.NOT_SHOWN, e.run(new Blackhole(), www).verdict());
        e.link.report = "{\"to_server\":{\"blackholed\":3},\"to_client\":{\"blackholed\":3}}";
        e.tamper = b -> {
            byte[] c = b.clone();
            c[10] ^= 1;
            return c;
        };
        assertEquals(Verdict.FAIL, e.run(new Blackhole(), www).verdict());
    }
}
