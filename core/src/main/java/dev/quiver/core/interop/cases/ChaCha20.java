package dev.quiver.core.interop.cases;

import dev.quiver.core.interop.CaseRun;
import dev.quiver.core.interop.ClientOptions;
import dev.quiver.core.interop.InteropCase;
import dev.quiver.core.interop.InteropClient;
import dev.quiver.core.interop.InteropConnection;
import dev.quiver.core.interop.Outcome;
import dev.quiver.core.interop.Resource;
import dev.quiver.core.interop.Response;

/** A handshake with only TLS_CHACHA20_POLY1305_SHA256 offered. */
public final class ChaCha20 implements InteropCase {

    static final String SUITE = "TLS_CHACHA20_POLY1305_SHA256";

    @Override
    public String id() {
        return "chacha20";
    }

    @Override
    public String abbreviation() {
        return "C20";
    }

    @Override
    public String description() {
        return "handshake restricted to " + SUITE;
    }

    @Override
    public Outcome run(CaseRun run) throws Exception {
        Resource file = run.file();
        try (InteropClient client = run.client(ClientOptions.PLAIN.withCipherSuite(SUITE));
             InteropConnection c = client.connect()) {
            Response r = c.get(file.path());
            String bad = run.mismatch(file, r);
            String cipher = c.cipherSuite();
            return Outcome.check(bad == null && cipher != null && cipher.contains("CHACHA20"), "only " + SUITE
                    + " offered; handshake settled on " + cipher + "; GET " + file.path() + " -> "
                    + (bad == null ? r.status() : bad));
        }
    }
}
