package dev.quiver.core.interop.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.core.interop.Outcome;
import dev.quiver.core.interop.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HandshakeLossTest {

    @TempDir
    Path www;

    private static final String LOSSY = "{\"params\":{\"to_server\":{\"loss\":0.3},\"to_client\":{\"loss\":0.3}},"
            + "\"to_server\":{\"dropped_loss\":12,\"corrupted\":0},\"to_client\":{\"dropped_loss\":9,\"corrupted\":5}}";

    @Test
    void everyHandshakeOnANewConnectionOfItsOwnClientThroughTheRunnersLink() throws Exception {
        FakeEngine e = new FakeEngine();
        e.link = new FakeLink();
        e.link.report = LOSSY;
        e.initials = 2;
        e.caseSettings = Map.of("handshakeloss.handshakes", 4L);
        Outcome o = e.run(new HandshakeLoss(), www);
        assertEquals(Verdict.PASS, o.verdict(), o.detail());
        assertEquals(List.of("set rtt=30ms rate=10mbit queue=25p loss=30% loss-max-run=3", "restore"), e.link.calls);
        assertEquals(4, e.connections);
        assertEquals(4, e.clients.size(), "a client per handshake: nothing to resume, a full handshake each time");
        assertTrue(o.detail().contains("4 of 4 handshakes completed, each on a new connection; 8 Initial packets sent"), o.detail());
        assertTrue(o.detail().contains("21 (to server 12, to client 9) packets dropped loss by the link"), o.detail());
        try (var files = Files.list(www)) {
            assertEquals(0, files.count(), "the case's files are removed");
        }
    }

    @Test
    void theRunnersFiftyByDefault() throws Exception {
        FakeEngine e = new FakeEngine();
        e.link = new FakeLink();
        e.link.report = LOSSY;
        Outcome o = e.run(new HandshakeCorruption(), null);
        assertEquals(Verdict.PASS, o.verdict(), o.detail());
        assertEquals(50, e.connections);
        assertEquals("set rtt=30ms rate=10mbit queue=25p corrupt=30% corrupt-max-run=3", e.link.calls.get(0));
        assertTrue(o.detail().contains("5 (to server 0, to client 5) packets corrupted by the link"), o.detail());
    }

    @Test
    void aHandshakeOnASecondConnectionOrAWrongFileFailsAndStopsTheCase() throws Exception {
        FakeEngine e = new FakeEngine();
        e.link = new FakeLink();
        e.link.report = LOSSY;
        e.caseSettings = Map.of("handshakeloss.handshakes", 5L);
        e.attempts = 2;
        Outcome o = e.run(new HandshakeLoss(), www);
        assertEquals(Verdict.FAIL, o.verdict());
        assertTrue(o.detail().contains("handshake 1 needed 2 connections (the engine gave up its first attempt) (link: to server 0 received"), o.detail());
        assertEquals(1, e.connections);

        e.attempts = 1;
        e.status = 404;
        o = e.run(new HandshakeLoss(), www);
        assertEquals(Verdict.FAIL, o.verdict());
        assertTrue(o.detail().contains("0 of 5 handshakes completed") && o.detail().contains("status 404"), o.detail());
    }

    @Test
    void aLinkThatHitNothingShowsNothing() throws Exception {
        FakeEngine e = new FakeEngine();
        e.link = new FakeLink();
        e.caseSettings = Map.of("handshakecorruption.handshakes", 2L);
        assertEquals(Verdict.NOT_SHOWN, e.run(new HandshakeCorruption(), www).verdict());
    }

    @Test
    void outsideALabItIsUnsupported() throws Exception {
        assertEquals(Verdict.UNSUPPORTED, new FakeEngine().run(new HandshakeLoss(), www).verdict());
    }
}
