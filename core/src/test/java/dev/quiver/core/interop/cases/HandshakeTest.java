package dev.quiver.core.interop.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.core.interop.Outcome;
import dev.quiver.core.interop.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HandshakeTest {

    @TempDir
    Path www;

    @Test
    void passesOnOneVersionAndH3WithTheFileExact() throws Exception {
        FakeEngine e = new FakeEngine();
        Outcome o = e.run(new Handshake(), www);
        assertEquals(Verdict.PASS, o.verdict(), o.detail());
        assertTrue(o.detail().startsWith("QUIC v1, ALPN h3, GET /quiver-handshake-1 -> 200, 1024 bytes byte-exact"), o.detail());
        try (var left = Files.list(www)) {
            assertEquals(0, left.count(), "the case's file is removed after it");
        }
    }

    @Test
    void failsOnAnotherAlpnOrACorruptedBody() throws Exception {
        FakeEngine e = new FakeEngine();
        e.alpn = "h3-29";
        assertEquals(Verdict.FAIL, e.run(new Handshake(), www).verdict());
        FakeEngine corrupt = new FakeEngine();
        corrupt.tamper = b -> {
            byte[] c = b.clone();
            c[7] ^= 1;
            return c;
        };
        Outcome o = corrupt.run(new Handshake(), www);
        assertEquals(Verdict.FAIL, o.verdict());
        assertTrue(o.detail().contains("1024 bytes but not the bytes of the file written (SHA-256 differs)"), o.detail());
    }

    @Test
    void failsWhenTheServerLacksTheFile() throws Exception {
        FakeEngine e = new FakeEngine();
        e.status = 404;
        Outcome o = e.run(new Handshake(), null);
        assertEquals(Verdict.FAIL, o.verdict());
        assertTrue(o.detail().endsWith("GET /index -> 404; /index -> status 404"), o.detail());
    }
}
