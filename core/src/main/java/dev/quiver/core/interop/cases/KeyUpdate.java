package dev.quiver.core.interop.cases;

import dev.quiver.core.interop.CaseRun;
import dev.quiver.core.interop.ClientOptions;
import dev.quiver.core.interop.InteropCase;
import dev.quiver.core.interop.InteropClient;
import dev.quiver.core.interop.InteropConnection;
import dev.quiver.core.interop.KeyPhases;
import dev.quiver.core.interop.Outcome;
import dev.quiver.core.interop.Resource;
import dev.quiver.core.interop.Response;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** The client starts a key update during a 5 MiB download; the key phase changes both ways; the download completes. */
public final class KeyUpdate implements InteropCase {

    @Override
    public String id() {
        return "keyupdate";
    }

    @Override
    public String abbreviation() {
        return "U";
    }

    @Override
    public String description() {
        return "the client initiates a key update during a transfer; the server follows; the transfer completes";
    }

    @Override
    public Outcome run(CaseRun run) throws Exception {
        long t = run.timeoutMillis();
        List<Resource> files = run.files(5 * Transfer.MIB, 1024);
        try (InteropClient client = run.client(ClientOptions.PLAIN.withKeyUpdate()); InteropConnection c = client.connect()) {
            c.keyPhases(); // an engine that cannot see the key phase says so before the download
            Future<Response> transfer = c.getAsync(files.get(0).path());
            // Once the client extends flow-control credit, the body is flowing: update the keys mid-transfer.
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(t / 2);
            while (c.creditFramesSent() == 0 && !transfer.isDone() && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            boolean midTransfer = !transfer.isDone();
            if (!midTransfer && !run.sizedFiles()) {
                return Outcome.notShown("the resource " + files.get(0).path() + " had downloaded before a key update "
                        + "could start (give --www DIR, or --path to a resource of some MiB)");
            }
            c.startKeyUpdate();
            Response r = transfer.get(t, TimeUnit.MILLISECONDS);
            String bad = run.mismatch(files.get(0), r);
            Response after = c.get(files.get(1).path());
            String badAfter = run.mismatch(files.get(1), after);
            KeyPhases k = c.keyPhases();
            boolean ok = midTransfer && bad == null && badAfter == null && k.sentChanges() >= 1 && k.receivedChanges() >= 1;
            return Outcome.check(ok, "key update started " + (midTransfer ? "during" : "after") + " a "
                    + files.get(0).size() + "-byte download, which " + (bad == null ? "completed " + run.judgedBy() : "ended: " + bad)
                    + "; key phase changed in " + k.sentChanges() + " sent and " + k.receivedChanges()
                    + " received 1-RTT packet runs; next GET -> " + (badAfter == null ? after.status() : badAfter));
        }
    }
}
