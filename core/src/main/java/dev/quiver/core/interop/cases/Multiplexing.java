package dev.quiver.core.interop.cases;

import dev.quiver.core.interop.CaseRun;
import dev.quiver.core.interop.ClientOptions;
import dev.quiver.core.interop.InteropCase;
import dev.quiver.core.interop.InteropClient;
import dev.quiver.core.interop.InteropConnection;
import dev.quiver.core.interop.Outcome;
import dev.quiver.core.interop.Resource;
import dev.quiver.core.interop.StreamUse;
import java.util.List;

/** More downloads on one connection than the server's initial stream credit allows: the credit must be raised. */
public final class Multiplexing implements InteropCase {

    /** The interop runner's multiplexing files are 32 bytes each. */
    private static final long FILE_SIZE = 32;
    private static final int MAX_REQUESTS = 2000;

    @Override
    public String id() {
        return "multiplexing";
    }

    @Override
    public String abbreviation() {
        return "M";
    }

    @Override
    public String description() {
        return "more downloads than the server's initial MAX_STREAMS on one connection; stream credit extended";
    }

    @Override
    public Outcome run(CaseRun run) throws Exception {
        try (InteropClient client = run.client(ClientOptions.PLAIN); InteropConnection c = client.connect()) {
            long initial = c.streams().initialCredit();
            int n = (int) Math.min(2 * initial + 10, MAX_REQUESTS);
            if (n <= initial) {
                return Outcome.notShown("the server's initial MAX_STREAMS " + initial + " covers " + n
                        + " requests; no stream credit needs raising");
            }
            long[] sizes = new long[n];
            java.util.Arrays.fill(sizes, FILE_SIZE);
            List<Resource> files = run.files(sizes);
            String bad = run.mismatch(files, c.getAll(CaseRun.paths(files)));
            StreamUse use = c.streams();
            String seen = n + " downloads on one connection with an initial credit of " + initial + " streams: "
                    + (bad == null ? "all " + run.judgedBy() : bad) + "; " + use.creditRaises()
                    + " stream credit raises (MAX_STREAMS)"
                    + (use.beyondCredit() >= 0 ? "; " + use.beyondCredit() + " streams opened beyond credit" : "");
            return Outcome.check(bad == null && use.creditRaises() > 0 && use.beyondCredit() <= 0, seen);
        }
    }
}
