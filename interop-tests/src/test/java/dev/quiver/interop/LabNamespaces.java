package dev.quiver.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What every test of {@code quiver lab} needs around it: root and {@code /dev/net/tun} (else the
 * test is skipped, as on a developer's machine without them; CI has both), and afterwards no lab
 * namespace left behind that was not there before ({@link LeftoverNamespaces}). A lab removes what
 * a crashed one left, so fewer than before is fine; none new is the point.
 */
final class LabNamespaces implements BeforeEachCallback, AfterEachCallback {

    private List<String> before;

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        before = null;
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")) && Files.exists(Path.of("/dev/net/tun")),
                "quiver lab needs root and /dev/net/tun");
        before = LeftoverNamespaces.list();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        if (before != null) {
            List<String> left = new ArrayList<>(LeftoverNamespaces.list());
            left.removeAll(before);
            assertEquals(List.of(), left, "the lab's namespaces are gone");
        }
    }
}
