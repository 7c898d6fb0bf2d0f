package dev.quiver.core.interop.cases;

import dev.quiver.core.interop.CaseRun;
import dev.quiver.core.interop.ClientOptions;
import dev.quiver.core.interop.InteropCase;
import dev.quiver.core.interop.InteropClient;
import dev.quiver.core.interop.InteropConnection;
import dev.quiver.core.interop.LinkControl;
import dev.quiver.core.interop.Outcome;
import dev.quiver.core.interop.Resource;
import dev.quiver.core.interop.Response;

/**
 * The interop runner's longrtt, inside {@code quiver lab}: a 1.5 s RTT; the handshake completes,
 * and the client sent its Initial at least twice (its probe timer fired before the server's first
 * flight could come back).
 */
public final class LongRtt implements InteropCase {

    @Override
    public String id() {
        return "longrtt";
    }

    @Override
    public String abbreviation() {
        return "LR";
    }

    @Override
    public String description() {
        return "1.5 s RTT (quiver lab): the handshake completes and the client sent its Initial at least twice";
    }

    @Override
    public Outcome run(CaseRun run) throws Exception {
        LinkControl link = run.link();
        Resource file = run.file();
        link.set("rtt=1500ms");
        try (InteropClient client = run.client(ClientOptions.PLAIN); InteropConnection c = client.connect()) {
            Response r = c.get(file.path());
            String bad = run.mismatch(file, r);
            int initials = c.initialsSent();
            return Outcome.check(bad == null && initials >= 2, "1.5 s RTT: handshake completed; " + initials
                    + " Initial packets sent; GET " + file.path() + " -> " + (bad == null ? r.status() + ", " + run.judgedBy() : bad));
        }
    }
}
