package dev.quiver.core.interop.cases;

import dev.quiver.core.interop.CaseRun;
import dev.quiver.core.interop.ClientOptions;
import dev.quiver.core.interop.InteropCase;
import dev.quiver.core.interop.InteropClient;
import dev.quiver.core.interop.InteropConnection;
import dev.quiver.core.interop.Outcome;
import dev.quiver.core.interop.Resource;
import dev.quiver.core.interop.Response;

/** QUIC v2 negotiated by compatible version negotiation (RFC 9368/9369). */
public final class V2 implements InteropCase {

    @Override
    public String id() {
        return "v2";
    }

    @Override
    public String abbreviation() {
        return "V2";
    }

    @Override
    public String description() {
        return "QUIC version 2 negotiated by compatible version negotiation";
    }

    @Override
    public Outcome run(CaseRun run) throws Exception {
        Resource file = run.file();
        try (InteropClient client = run.client(ClientOptions.PLAIN.withVersion("v2")); InteropConnection c = client.connect()) {
            Response r = c.get(file.path());
            String bad = run.mismatch(file, r);
            String v = c.quicVersion();
            boolean v2 = "v2".equals(v) || (v != null && v.endsWith("+v2"));
            return Outcome.check(v2 && bad == null, "started in v1 offering v2; "
                    + (v2 ? "negotiated v2" : "the server stayed on " + v) + "; GET " + file.path() + " -> "
                    + (bad == null ? r.status() : bad));
        }
    }
}
