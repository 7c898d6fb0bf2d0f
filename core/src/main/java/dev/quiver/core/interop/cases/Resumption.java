package dev.quiver.core.interop.cases;

import dev.quiver.core.interop.CaseRun;
import dev.quiver.core.interop.ClientOptions;
import dev.quiver.core.interop.InteropCase;
import dev.quiver.core.interop.InteropClient;
import dev.quiver.core.interop.InteropConnection;
import dev.quiver.core.interop.Outcome;
import dev.quiver.core.interop.Resource;
import dev.quiver.core.interop.Response;

/** A second connection resumed the first one's TLS session. */
public final class Resumption implements InteropCase {

    /** How long the first connection waits for the server's NewSessionTicket, which follows the handshake. */
    static final long TICKET_WAIT_MILLIS = 2000;

    @Override
    public String id() {
        return "resumption";
    }

    @Override
    public String abbreviation() {
        return "R";
    }

    @Override
    public String description() {
        return "a second connection resumed the first one's TLS session";
    }

    @Override
    public Outcome run(CaseRun run) throws Exception {
        Resource file = run.file();
        try (InteropClient client = run.client(ClientOptions.PLAIN)) {
            try (InteropConnection c1 = client.connect()) {
                String bad = run.mismatch(file, c1.get(file.path()));
                if (bad != null) {
                    return Outcome.fail("first connection: " + bad);
                }
                if (!c1.awaitSessionTicket(TICKET_WAIT_MILLIS)) {
                    return Outcome.fail("the server sent no session ticket on the first connection");
                }
            }
            try (InteropConnection c2 = client.connect()) {
                Response r = c2.get(file.path());
                String bad = run.mismatch(file, r);
                boolean resumed = c2.resumed();
                return Outcome.check(resumed && bad == null, "second connection " + (resumed
                        ? "resumed the first one's TLS session" : "did a full handshake") + "; GET " + file.path()
                        + " -> " + (bad == null ? r.status() : bad));
            }
        }
    }
}
