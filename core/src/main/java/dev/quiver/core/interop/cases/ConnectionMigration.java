package dev.quiver.core.interop.cases;

import dev.quiver.core.interop.CaseRun;
import dev.quiver.core.interop.ClientOptions;
import dev.quiver.core.interop.InteropCase;
import dev.quiver.core.interop.InteropClient;
import dev.quiver.core.interop.InteropConnection;
import dev.quiver.core.interop.Outcome;
import dev.quiver.core.interop.UnsupportedCase;
import dev.quiver.core.interop.Resource;
import dev.quiver.core.interop.Response;
import java.util.List;

/**
 * The interop runner's connectionmigration: the server offers a preferred address (its
 * preferred_address transport parameter), the client validates it and moves the connection there
 * after the handshake; the rest of the transfer arrives on the new path, byte-exact. A server that
 * offers no preferred address gets {@code not shown} (the runner gives its servers a second address
 * to offer; a server must be told to offer one); a client stack that cannot read the parameter or
 * cannot migrate: {@code unsupported} with its reason.
 */
public final class ConnectionMigration implements InteropCase {

    @Override
    public String id() {
        return "connectionmigration";
    }

    @Override
    public String abbreviation() {
        return "CM";
    }

    @Override
    public String description() {
        return "the client moves the connection to the server's preferred_address (path validated: PATH_CHALLENGE "
                + "answered by PATH_RESPONSE) and finishes its transfer there, byte-exact";
    }

    @Override
    public Outcome run(CaseRun run) throws Exception {
        List<Resource> files = run.files(Transfer.MIB, 2 * Transfer.MIB);
        try (InteropClient client = run.client(ClientOptions.PLAIN); InteropConnection c = client.connect()) {
            Response before = c.get(files.get(0).path());
            String bad = run.mismatch(files.get(0), before);
            if (bad != null) {
                return Outcome.fail("before any migration: " + bad);
            }
            String offered = c.preferredAddress();
            if (offered.isEmpty()) {
                return Outcome.notShown("the server offered no preferred_address transport parameter (GET "
                        + files.get(0).path() + " on its address: " + before.bodyBytes() + " bytes, " + run.judgedBy() + ")");
            }
            String moved;
            try {
                moved = c.migrateToPreferredAddress();
            } catch (UnsupportedCase e) {
                throw e;
            } catch (Exception e) {
                return Outcome.fail("preferred_address " + offered + ": the move failed: " + e.getMessage());
            }
            Response after = c.get(files.get(1).path());
            bad = run.mismatch(files.get(1), after);
            String seen = "preferred_address " + offered + "; " + moved + "; after the move GET " + files.get(1).path() + " -> "
                    + (bad == null ? after.bodyBytes() + " bytes, " + run.judgedBy() : bad);
            return Outcome.check(bad == null, seen);
        }
    }
}
