package dev.quiver.core.interop.cases;

import dev.quiver.core.interop.CaseRun;
import dev.quiver.core.interop.ClientOptions;
import dev.quiver.core.interop.InteropCase;
import dev.quiver.core.interop.InteropClient;
import dev.quiver.core.interop.InteropConnection;
import dev.quiver.core.interop.Outcome;
import dev.quiver.core.interop.Resource;
import dev.quiver.core.interop.StreamUse;
import java.util.Collections;
import java.util.List;

/** Many requests at once never open more streams than the server's MAX_STREAMS allows. */
public final class StreamLimits implements InteropCase {

    private static final int MAX_REQUESTS = 2000;

    @Override
    public String id() {
        return "streamlimits";
    }

    /** quiver's own case (the interop runner has none by this name): an abbreviation no runner case uses. */
    @Override
    public String abbreviation() {
        return "SL";
    }

    @Override
    public String description() {
        return "the client never opens more streams than the server's MAX_STREAMS allows";
    }

    @Override
    public Outcome run(CaseRun run) throws Exception {
        Resource file = run.file();
        try (InteropClient client = run.client(ClientOptions.PLAIN); InteropConnection c = client.connect()) {
            long limit = c.streams().initialCredit();
            int n = (int) Math.min(Math.max(4 * limit, 20), MAX_REQUESTS);
            if (n <= limit) {
                return Outcome.notShown("the server's MAX_STREAMS " + limit + " is more than the " + n
                        + " requests the case sends at once (try a server with a small limit, e.g. quiver serve --max-streams 5)");
            }
            List<Resource> same = Collections.nCopies(n, file);
            String bad = run.mismatch(same, c.getAll(CaseRun.paths(same)));
            StreamUse use = c.streams();
            boolean within = use.beyondCredit() >= 0 ? use.beyondCredit() == 0 : use.maxOpenAtOnce() <= limit;
            return Outcome.check(bad == null && within, "server's initial MAX_STREAMS " + limit + "; " + n
                    + " requests at once; " + (use.maxOpenAtOnce() >= 0 ? "at most " + use.maxOpenAtOnce() + " streams open at once; " : "")
                    + (use.beyondCredit() >= 0 ? use.beyondCredit() + " opened beyond the credit given at the time; " : "")
                    + (bad == null ? "all answered, " + run.judgedBy() : bad));
        }
    }
}
