package dev.quiver.core.interop.cases;

import dev.quiver.core.interop.CaseRun;
import dev.quiver.core.interop.ClientOptions;
import dev.quiver.core.interop.InteropCase;
import dev.quiver.core.interop.InteropClient;
import dev.quiver.core.interop.InteropConnection;
import dev.quiver.core.interop.Outcome;
import dev.quiver.core.interop.Resource;
import dev.quiver.core.interop.Response;
import java.util.ArrayList;
import java.util.List;

/**
 * Sequential GETs until the server's GOAWAY: requests below its id must have been answered, one at
 * or above it may be refused; then a request on a new connection must be answered.
 */
public final class Goaway implements InteropCase {

    /** Requests on one connection before the case concludes the server sends no GOAWAY. */
    static final int MAX_REQUESTS = 100;

    @Override
    public String id() {
        return "goaway";
    }

    /** quiver's own case (the interop runner has none by this name): an abbreviation no runner case uses. */
    @Override
    public String abbreviation() {
        return "GA";
    }

    @Override
    public String description() {
        return "the server's GOAWAY: requests below its id complete, later ones go to a new connection (server with GOAWAY every N)";
    }

    @Override
    public Outcome run(CaseRun run) throws Exception {
        Resource file = run.file();
        int below = 0;
        int sent = 0;
        long goaway;
        try (InteropClient client = run.client(ClientOptions.PLAIN)) {
            try (InteropConnection c = client.connect()) {
                List<Response> done = new ArrayList<>();
                String firstError = null;
                while (c.goawayId(0) < 0 && sent < MAX_REQUESTS) {
                    sent++;
                    try {
                        done.add(c.get(file.path()));
                    } catch (InterruptedException e) {
                        throw e;
                    } catch (Exception e) {
                        // a refused request or a closed connection: the GOAWAY may still be on its way
                        firstError = String.valueOf(e.getMessage());
                        break;
                    }
                }
                goaway = c.goawayId(firstError != null ? Math.min(run.timeoutMillis(), 2000) : 0);
                if (goaway < 0) {
                    if (firstError != null) {
                        return Outcome.fail("request " + sent + " failed without a GOAWAY: " + firstError);
                    }
                    return Outcome.notShown("no GOAWAY after " + sent + " requests (a server sending GOAWAY shows it, "
                            + "e.g. quiver serve --goaway-every 10)");
                }
                for (Response r : done) {
                    if (r.streamId() < goaway) {
                        String bad = run.mismatch(file, r);
                        if (bad != null) {
                            return Outcome.fail("stream " + r.streamId() + " below GOAWAY id " + goaway + ": " + bad);
                        }
                        below++;
                    }
                }
            }
            try (InteropConnection c2 = client.connect()) {
                Response r = c2.get(file.path());
                String bad = run.mismatch(file, r);
                return Outcome.check(bad == null && below > 0, "GOAWAY id " + goaway + " after " + sent
                        + " requests; " + below + " requests below it completed; nothing more sent on that connection; "
                        + "the next request on a new connection -> " + (bad == null ? r.status() : bad));
            }
        }
    }
}
