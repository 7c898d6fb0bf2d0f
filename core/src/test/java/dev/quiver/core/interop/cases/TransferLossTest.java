package dev.quiver.core.interop.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.core.interop.Outcome;
import dev.quiver.core.interop.Verdict;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransferLossTest {

    @TempDir
    Path www;

    @Test
    void anExactDownloadThroughLossesTheLinkCountedPasses() throws Exception {
        FakeEngine e = new FakeEngine();
        e.link = new FakeLink();
        e.link.report = "{\"to_server\":{\"dropped_loss\":4},\"to_client\":{\"dropped_loss\":31}}";
        Outcome o = e.run(new TransferLoss(), www);
        assertEquals(Verdict.PASS, o.verdict(), o.detail());
        assertTrue(o.detail().startsWith("loss=2%,loss-max-run=3: 35 packets dropped loss by the link; 2097152 bytes"), o.detail());
        assertEquals(List.of("set loss=2% loss-max-run=3", "restore"), e.link.calls);
    }

    @Test
    void noPacketHitIsNotShownAndACorruptedDownloadFails() throws Exception {
        FakeEngine e = new FakeEngine();
        e.link = new FakeLink();
        assertEquals(Verdict.NOT_SHOWN, e.run(new TransferCorruption(), www).verdict());
        e.link.report = "{\"to_server\":{\"corrupted\":2},\"to_client\":{\"corrupted\":9}}";
        e.tamper = b -> {
            byte[] c = b.clone();
            c[1000] ^= 0x40;
            return c;
        };
        Outcome o = e.run(new TransferCorruption(), www);
        assertEquals(Verdict.FAIL, o.verdict());
        assertTrue(o.detail().contains("11 packets corrupted by the link"), o.detail());
    }

    @Test
    void aServerWithoutTheFileFailsEvenThroughACleanLink() throws Exception {
        FakeEngine e = new FakeEngine();
        e.link = new FakeLink();
        e.status = 404;
        Outcome o = e.run(new TransferLoss(), www);
        assertEquals(Verdict.FAIL, o.verdict(), o.detail());
        assertTrue(o.detail().contains("status 404"), o.detail());
    }
}
