package dev.quiver.lab;

import org.junit.jupiter.api.Assumptions;

/** The lab's system tests need root, /dev/net/tun and ip (CI has them); elsewhere they say why they did not run. */
public final class RootOnly {

    private RootOnly() {
    }

    public static void assume() {
        String why = Preconditions.unavailable();
        Assumptions.assumeTrue(why == null, () -> "lab system test skipped: " + why);
    }
}
