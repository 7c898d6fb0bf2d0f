package dev.quiver.core.interop.cases;

import dev.quiver.core.interop.CaseRun;
import dev.quiver.core.interop.ClientOptions;
import dev.quiver.core.interop.EarlyData;
import dev.quiver.core.interop.InteropCase;
import dev.quiver.core.interop.InteropClient;
import dev.quiver.core.interop.InteropConnection;
import dev.quiver.core.interop.Outcome;
import dev.quiver.core.interop.Resource;
import java.util.ArrayList;
import java.util.List;

/**
 * A second connection sends its request as 0-RTT and the server accepts the early data. Up to
 * three tries, each shown: a quiche server declines about half of Kwik's 0-RTT attempts.
 */
public final class ZeroRtt implements InteropCase {

    private static final int TRIES = 3;

    @Override
    public String id() {
        return "zerortt";
    }

    @Override
    public String abbreviation() {
        return "Z";
    }

    @Override
    public String description() {
        return "a second connection sent its request as 0-RTT and the server accepted it";
    }

    @Override
    public Outcome run(CaseRun run) throws Exception {
        Resource file = run.file();
        List<String> declined = new ArrayList<>();
        long perTry = Math.max(1000, run.timeoutMillis() / (TRIES + 1));
        for (int i = 1; i <= TRIES; i++) {
            try (InteropClient client = run.client(ClientOptions.PLAIN.withEarlyData())) {
                try (InteropConnection c1 = client.connect()) {
                    run.mismatch(file, c1.get(file.path()));
                    if (!c1.awaitSessionTicket(Resumption.TICKET_WAIT_MILLIS)) {
                        return Outcome.fail("the server sent no session ticket on the first connection");
                    }
                }
                EarlyData early;
                try (InteropConnection c2 = client.connectEarly(file.path())) {
                    early = c2.earlyData(perTry);
                } catch (InterruptedException e) {
                    throw e;
                } catch (Exception e) {
                    // A stack's own fault in a 0-RTT handshake (Kwik 0.10.8 has some) is one declined try.
                    declined.add("try " + i + ": " + e.getMessage());
                    continue;
                }
                if (!early.sent()) {
                    return Outcome.fail(early.detail());
                }
                if (early.response() == null) {
                    declined.add("try " + i + ": " + early.detail() + ", no response within " + perTry + " ms");
                    continue;
                }
                String bad = run.mismatch(file, early.response());
                if (early.accepted() && bad == null) {
                    return Outcome.pass(early.detail() + "; response " + early.response().status() + " with "
                            + early.response().bodyBytes() + " body bytes, " + run.judgedBy()
                            + (declined.isEmpty() ? "" : " (on try " + i + "; " + String.join("; ", declined) + ")"));
                }
                declined.add("try " + i + ": " + early.detail() + (bad == null ? "" : "; " + bad));
            }
        }
        return Outcome.fail("0-RTT never accepted in " + TRIES + " tries: " + String.join("; ", declined));
    }
}
