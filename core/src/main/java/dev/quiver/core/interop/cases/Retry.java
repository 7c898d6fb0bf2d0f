package dev.quiver.core.interop.cases;

import dev.quiver.core.interop.CaseRun;
import dev.quiver.core.interop.ClientOptions;
import dev.quiver.core.interop.InteropCase;
import dev.quiver.core.interop.InteropClient;
import dev.quiver.core.interop.InteropConnection;
import dev.quiver.core.interop.Outcome;
import dev.quiver.core.interop.Resource;
import dev.quiver.core.interop.Response;

/** The server sent a Retry and the handshake completed with its token. */
public final class Retry implements InteropCase {

    @Override
    public String id() {
        return "retry";
    }

    @Override
    public String abbreviation() {
        return "S";
    }

    @Override
    public String description() {
        return "the server sent a Retry and the handshake completed with its token (server with Retry on)";
    }

    @Override
    public Outcome run(CaseRun run) throws Exception {
        Resource file = run.file();
        try (InteropClient client = run.client(ClientOptions.PLAIN); InteropConnection c = client.connect()) {
            Response r = c.get(file.path());
            int retries = c.retriesReceived();
            if (retries == 0) {
                return Outcome.notShown("the server sent no Retry (a server with Retry on shows it, e.g. quiver serve --retry)");
            }
            String bad = run.mismatch(file, r);
            return Outcome.check(bad == null, retries + " Retry received; handshake completed with its token; GET "
                    + file.path() + " -> " + (bad == null ? r.status() : bad));
        }
    }
}
