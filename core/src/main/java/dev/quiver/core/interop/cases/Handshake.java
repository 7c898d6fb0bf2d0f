package dev.quiver.core.interop.cases;

import dev.quiver.core.interop.CaseRun;
import dev.quiver.core.interop.ClientOptions;
import dev.quiver.core.interop.InteropCase;
import dev.quiver.core.interop.InteropClient;
import dev.quiver.core.interop.InteropConnection;
import dev.quiver.core.interop.Outcome;
import dev.quiver.core.interop.Resource;
import dev.quiver.core.interop.Response;

/** One connection, one download: one QUIC version in the server's long headers and ALPN h3. */
public final class Handshake implements InteropCase {

    @Override
    public String id() {
        return "handshake";
    }

    @Override
    public String abbreviation() {
        return "H";
    }

    @Override
    public String description() {
        return "one connection, one download; the negotiated QUIC version and ALPN h3";
    }

    @Override
    public Outcome run(CaseRun run) throws Exception {
        Resource file = run.file();
        try (InteropClient client = run.client(ClientOptions.PLAIN); InteropConnection c = client.connect()) {
            Response r = c.get(file.path());
            String bad = run.mismatch(file, r);
            String version = c.quicVersion();
            String alpn = c.alpn();
            String seen = "QUIC " + version + ", ALPN " + alpn + ", GET " + file.path() + " -> " + r.status()
                    + (bad == null ? ", " + r.bodyBytes() + " bytes " + run.judgedBy() : "; " + bad);
            return Outcome.check(bad == null && version != null && !version.contains("+") && "h3".equals(alpn), seen);
        }
    }
}
