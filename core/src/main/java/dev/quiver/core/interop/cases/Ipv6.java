package dev.quiver.core.interop.cases;

import dev.quiver.core.engine.Target;
import dev.quiver.core.interop.CaseRun;
import dev.quiver.core.interop.ClientOptions;
import dev.quiver.core.interop.InteropCase;
import dev.quiver.core.interop.InteropClient;
import dev.quiver.core.interop.InteropConnection;
import dev.quiver.core.interop.LinkControl;
import dev.quiver.core.interop.Outcome;
import dev.quiver.core.interop.Resource;
import dev.quiver.core.interop.Response;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The interop runner's ipv6: its transfer (5 KiB and 10 KiB) across IPv6. Inside {@code quiver lab}
 * to the server's IPv6 address in the lab, over the runner's 10 Mbit/s link, and judged on the link:
 * it saw IPv6 packets both ways. Outside a lab to
 * {@code [::1]} when the URL names this machine, to the URL's own IPv6 address, or to the first
 * IPv6 address of its name (none: not shown); there no link sees the packets, and the detail says so.
 */
public final class Ipv6 implements InteropCase {

    @Override
    public String id() {
        return "ipv6";
    }

    @Override
    public String abbreviation() {
        return "6";
    }

    @Override
    public String description() {
        return "a transfer (5 KiB, 10 KiB) across IPv6: inside quiver lab the link saw only IPv6 from the server; outside, to [::1]";
    }

    @Override
    public Outcome run(CaseRun run) throws Exception {
        List<Resource> files = run.files(5 * 1024, 10 * 1024);
        LinkControl link = run.labLink();
        Target v4 = run.settings().target();
        String address;
        if (link != null) {
            address = LinkReport.text(link.set(LossyHandshakes.RUNNER_LINK), "server_address6");
            if (address == null) {
                return Outcome.notShown("the lab has no IPv6 address for the server");
            }
        } else {
            address = ipv6Of(v4.host());
            if (address == null) {
                return Outcome.notShown(v4.host() + " has no IPv6 address");
            }
        }
        Target v6 = Target.parse(v4.scheme() + "://[" + address + "]:" + v4.port() + v4.pathAndQuery());
        try (InteropClient client = run.client(ClientOptions.PLAIN, v6); InteropConnection c = client.connect()) {
            List<Response> got = c.getAll(CaseRun.paths(files));
            String bad = run.mismatch(files, got);
            String seen = "QUIC " + c.quicVersion() + " to [" + address + "]:" + v4.port() + ", " + files.size() + " files "
                    + (bad == null ? run.judgedBy() : "") + (bad == null ? "" : bad);
            if (link == null) {
                return Outcome.check(bad == null, seen + " (outside a lab: no link saw the packets)");
            }
            String report = link.report();
            long up6 = LinkReport.direction(report, "to_server", "ipv6");
            long down6 = LinkReport.direction(report, "to_client", "ipv6");
            long down = LinkReport.direction(report, "to_client", "received");
            seen += "; the link saw " + up6 + " IPv6 packets to the server, " + down6 + " of " + down + " from it IPv6";
            if (down6 < down) {
                // This connection's socket is IPv6 and takes nothing else: the IPv4 ones are the last packets of an
                // earlier case's connections (a server's answer to a close, a probe), which the link counts too.
                seen += " (the " + (down - down6) + " IPv4 ones for earlier connections)";
            }
            return Outcome.check(bad == null && up6 > 0 && down6 > 0, seen);
        }
    }

    /** The IPv6 address to reach {@code host} at: {@code ::1} for this machine, the host itself, or its name's first; null for none. */
    static String ipv6Of(String host) {
        if (host.equals("localhost") || host.startsWith("127.")) {
            return "::1";
        }
        if (host.indexOf(':') >= 0) {
            return host;
        }
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (a instanceof Inet6Address) {
                    String s = a.getHostAddress();
                    int zone = s.indexOf('%');
                    return zone < 0 ? s : s.substring(0, zone);
                }
            }
        } catch (UnknownHostException e) {
            return null;
        }
        return null;
    }
}
