package dev.quiver.core.interop.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quiver.core.interop.Verdict;
import org.junit.jupiter.api.Test;

class ChaCha20Test {

    @Test
    void passesOnlyWhenTheHandshakeSettledOnChaCha20() throws Exception {
        FakeEngine e = new FakeEngine();
        e.cipher = "TLS_CHACHA20_POLY1305_SHA256";
        assertEquals(Verdict.PASS, e.run(new ChaCha20(), null).verdict());
        assertEquals("TLS_CHACHA20_POLY1305_SHA256", e.clients.get(0).cipherSuite());
        FakeEngine other = new FakeEngine();
        assertEquals(Verdict.FAIL, other.run(new ChaCha20(), null).verdict());
    }
}
