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
 * The interop runner's transfer: 2, 3 and 5 MiB on one connection, byte-exact, through receive
 * windows smaller than the transfer, so the client must extend flow-control credit.
 */
public final class Transfer implements InteropCase {

    static final long MIB = 1L << 20;
    static final long CONNECTION_WINDOW = MIB;
    static final long STREAM_WINDOW = 256L << 10;

    @Override
    public String id() {
        return "transfer";
    }

    @Override
    public String abbreviation() {
        return "DC";
    }

    @Override
    public String description() {
        return "2, 3 and 5 MiB on one connection, byte-exact, through receive windows smaller than the transfer "
                + "(flow-control credit extended: MAX_DATA/MAX_STREAM_DATA)";
    }

    @Override
    public Outcome run(CaseRun run) throws Exception {
        List<Resource> files = run.files(2 * MIB, 3 * MIB, 5 * MIB);
        ClientOptions o = ClientOptions.PLAIN.withWindows(CONNECTION_WINDOW, STREAM_WINDOW);
        try (InteropClient client = run.client(o); InteropConnection c = client.connect()) {
            long total = 0;
            List<String> sizes = new ArrayList<>();
            for (Resource f : files) {
                Response r = c.get(f.path());
                String bad = run.mismatch(f, r);
                if (bad != null) {
                    return Outcome.fail(bad);
                }
                total += r.bodyBytes();
                sizes.add(String.valueOf(r.bodyBytes()));
            }
            int creditFrames = c.creditFramesSent();
            boolean extended = creditFrames > 0 || (creditFrames < 0 && total > CONNECTION_WINDOW);
            String seen = "one connection, " + files.size() + " downloads of " + String.join(", ", sizes) + " bytes, "
                    + run.judgedBy() + "; " + total + " bytes through a " + CONNECTION_WINDOW / 1024
                    + " KiB connection and " + STREAM_WINDOW / 1024 + " KiB stream window"
                    + (creditFrames >= 0 ? "; " + creditFrames + " MAX_DATA/MAX_STREAM_DATA frames sent" : "");
            if (!extended) {
                return Outcome.notShown(seen + ": the resource fits the receive windows, so no credit had to be "
                        + "extended (give --www DIR, or --path to a resource larger than 1 MiB)");
            }
            return Outcome.pass(seen + ", so the credit was extended");
        }
    }
}
