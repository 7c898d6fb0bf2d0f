package dev.quiver.lab;

import dev.quiver.lab.netns.IpTool;
import dev.quiver.lab.sys.LibC;
import java.nio.file.Files;
import java.nio.file.Path;

/** What a lab needs from the machine: 64-bit Linux, root, {@code /dev/net/tun} and iproute2's {@code ip}. */
final class Preconditions {

    private static final Path TUN = Path.of("/dev/net/tun");

    private Preconditions() {
    }

    /** Why a lab cannot run here, in one line; null when it can. */
    static String unavailable() {
        String sys = LibC.check();
        if (sys != null) {
            return sys;
        }
        if (LibC.geteuid() != 0) {
            return "the lab needs root: it creates network namespaces and TUN devices (run it with sudo)";
        }
        if (!Files.exists(TUN)) {
            return "no " + TUN + ": this kernel offers no TUN devices here (try: modprobe tun)";
        }
        if (IpTool.find() == null) {
            return "no 'ip' command (iproute2) on the PATH or in /usr/sbin, /sbin";
        }
        return null;
    }
}
