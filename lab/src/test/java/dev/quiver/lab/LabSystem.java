package dev.quiver.lab;

import dev.quiver.lab.netns.IpTool;
import dev.quiver.lab.netns.NetworkNamespace;
import java.io.IOException;
import java.util.List;

/** What the machine shows of labs: namespaces and TUN devices, as {@code ip} lists them. */
final class LabSystem {

    private LabSystem() {
    }

    static List<String> namespaces() throws IOException {
        return NetworkNamespace.list(IpTool.find());
    }

    /** TUN devices in the root namespace ({@code ip -o link show type tun}). */
    static String rootTunDevices() throws IOException {
        return IpTool.find().run("-o", "link", "show", "type", "tun").strip();
    }

    static boolean anyOf(LabNames names) throws IOException {
        List<String> ns = namespaces();
        return ns.contains(names.namespace(Side.CLIENT)) || ns.contains(names.namespace(Side.SERVER))
                || java.nio.file.Files.exists(names.directory());
    }
}
