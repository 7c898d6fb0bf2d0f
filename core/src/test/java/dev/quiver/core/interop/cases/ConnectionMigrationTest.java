package dev.quiver.core.interop.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.core.interop.Outcome;
import dev.quiver.core.interop.Verdict;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionMigrationTest {

    @TempDir
    Path www;

    @Test
    void passesWhenTheClientMovedToTheOfferedAddressAndTheTransferStayedExact() throws Exception {
        FakeEngine e = new FakeEngine();
        e.preferred = "198.18.0.3:443";
        e.migrates = true;
        Outcome o = e.run(new ConnectionMigration(), www);
        assertEquals(Verdict.PASS, o.verdict(), o.detail());
        assertTrue(o.detail().contains("198.18.0.3:443"), o.detail());
        assertEquals(1, e.connections, "one connection, moved, not a second one");
    }

    @Test
    void aServerThatOffersNoPreferredAddressHasNotShownTheCase() throws Exception {
        FakeEngine e = new FakeEngine();
        e.preferred = "";
        e.migrates = true;
        Outcome o = e.run(new ConnectionMigration(), www);
        assertEquals(Verdict.NOT_SHOWN, o.verdict(), o.detail());
        assertTrue(o.detail().contains("no preferred_address"), o.detail());
    }

    @Test
    void aStackThatCannotReadTheParameterOrCannotMoveIsUnsupported() throws Exception {
        FakeEngine blind = new FakeEngine();
        assertEquals(Verdict.UNSUPPORTED, blind.run(new ConnectionMigration(), www).verdict());
        FakeEngine stays = new FakeEngine();
        stays.preferred = "198.18.0.3:443";
        assertEquals(Verdict.UNSUPPORTED, stays.run(new ConnectionMigration(), www).verdict());
    }

    @Test
    void aMoveThatIsNotValidatedOrATransferThatBreaksAfterItFails() throws Exception {
        FakeEngine refused = new FakeEngine();
        refused.preferred = "198.18.0.3:443";
        refused.migrates = false;
        Outcome o = refused.run(new ConnectionMigration(), www);
        assertEquals(Verdict.FAIL, o.verdict());
        assertTrue(o.detail().contains("no PATH_RESPONSE"), o.detail());
        FakeEngine corrupt = new FakeEngine();
        corrupt.preferred = "198.18.0.3:443";
        corrupt.migrates = true;
        corrupt.tamper = b -> {
            byte[] c = b.clone();
            if (c.length > 2 * Transfer.MIB - 1) {
                c[c.length - 1] ^= 1;
            }
            return c;
        };
        assertEquals(Verdict.FAIL, corrupt.run(new ConnectionMigration(), www).verdict());
    }
}
