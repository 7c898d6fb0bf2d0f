package dev.quiver.core.interop.cases;

import dev.quiver.core.interop.CaseRun;
import dev.quiver.core.interop.ClientOptions;
import dev.quiver.core.interop.InteropClient;
import dev.quiver.core.interop.InteropConnection;
import dev.quiver.core.interop.LinkControl;
import dev.quiver.core.interop.Outcome;
import dev.quiver.core.interop.Resource;
import dev.quiver.core.interop.Response;

/**
 * A download over an impaired lab link, the link's counters saying the impairment hit: what
 * transferloss and transfercorruption share (the runner's 2 MiB file, 2% in bursts of 3 each way).
 */
final class LossyTransfer {

    private LossyTransfer() {
    }

    /**
     * @param flags the impairment in the lab's flag names
     * @param counter the link counter that shows it ({@code dropped_loss}, {@code corrupted})
     */
    static Outcome run(CaseRun run, String flags, String counter) throws Exception {
        LinkControl link = run.link();
        Resource file = run.files(2 * Transfer.MIB).get(0);
        link.set(flags);
        try (InteropClient client = run.client(ClientOptions.PLAIN); InteropConnection c = client.connect()) {
            Response r = c.get(file.path());
            String bad = run.mismatch(file, r);
            long hit = LinkReport.sum(link.report(), counter);
            String seen = flags.replace(' ', ',') + ": " + hit + " packets " + counter.replace('_', ' ') + " by the link; "
                    + (bad == null ? r.bodyBytes() + " bytes, " + run.judgedBy() : bad);
            if (bad == null && hit == 0) {
                // A wrong download fails whatever the link did; a right one through a clean link shows nothing.
                return Outcome.notShown(seen + ": the link never hit a packet of this transfer");
            }
            return Outcome.check(bad == null, seen);
        }
    }
}
