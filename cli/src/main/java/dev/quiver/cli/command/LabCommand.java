package dev.quiver.cli.command;

import dev.quiver.cli.UsageException;
import dev.quiver.cli.lab.LabRun;
import dev.quiver.cli.lab.LinkOptions;
import dev.quiver.cli.options.DurationConverter;
import dev.quiver.lab.link.LinkSpec;
import dev.quiver.lab.netns.TcpCongestionControl;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code quiver lab [link flags] -- COMMAND}: a quiver command (or any client) against a server over an impaired network. */
@Command(name = "lab", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a quiver command (the words after --) or any client (--client-cmd) against a server through an "
                + "impaired network: two network namespaces with addresses from 198.18.0.0/15 and no default route, joined by "
                + "a userspace link that applies delay, rate, queue, loss, corruption, reordering, blackholes and NAT "
                + "rebinding. {server} in the command is the server's address. Needs root, /dev/net/tun and ip (iproute2).",
            "",
            "  quiver lab --rtt 80ms --loss 1%% -- compare https://{server}/ -k -z 20s",
            "  quiver lab --profile 4g -- run https://{server}/ -k --http 3 -z 30s",
            "  quiver lab --rate 10mbit --client-cmd 'curl -sk https://{server}/ -o /dev/null'",
            ""},
        footerHeading = "%nExit codes:%n",
        footer = {"  the command's own exit code, else",
            "  1  the lab could not be set up",
            "  2  bad input, or the lab cannot run here (not root, no /dev/net/tun, no ip)",
            "  3  the server did not come up"})
public final class LabCommand implements Callable<Integer> {

    @Mixin
    LinkOptions link;

    @Option(names = "--seed", paramLabel = "N", order = 40,
            description = "Seed of every random choice of the link, for a reproducible run. Default: a random one, shown in the report.")
    Long seed;

    @Option(names = "--mtu", paramLabel = "BYTES", order = 41, defaultValue = "1500", description = "MTU of both sides. Default: ${DEFAULT-VALUE}.")
    int mtu;

    @Option(names = "--tcp-cc", paramLabel = "NAME", order = 41,
            description = "TCP congestion control on both sides (e.g. cubic, bbr, reno; as the kernel offers). Default: the machine's, "
                    + "said in the report. HTTP/3's stacks use CUBIC (netty) or NewReno (kwik): --tcp-cc cubic compares like with like.")
    String tcpCc;

    @Option(names = "--server-cmd", paramLabel = "CMD", order = 42,
            description = "Run this server (sh -c, {server} substituted) in the server namespace instead of quiver's own "
                    + "reference server (443: TLS over TCP and UDP, 80: plain).")
    String serverCmd;

    @Option(names = "--serve-args", paramLabel = "ARGS", order = 42,
            description = "More arguments for quiver's own server, split at spaces (e.g. --serve-args='--cert-chain 9' for interop's "
                    + "amplificationlimit); not with --server-cmd.")
    String serveArgs;

    @Option(names = "--server-port", paramLabel = "PORT", order = 43, defaultValue = "443",
            description = "With --server-cmd: the port to wait for (TCP listening or UDP bound) before the client starts. Default: ${DEFAULT-VALUE}.")
    int serverPort;

    @Option(names = "--server-timeout", paramLabel = "D", order = 44, defaultValue = "30s", converter = DurationConverter.class,
            description = "How long the server may take to listen. Default: ${DEFAULT-VALUE}.")
    Duration serverTimeout;

    @Option(names = "--warmup", negatable = true, order = 45,
            description = "Warm the server up (a short h1/h2/h3 compare over a perfect link) before the command, so its first "
                    + "handshakes do not carry the server's JIT warm-up. Default: on for quiver's own server, off with --server-cmd.")
    Boolean warmup;

    @Option(names = "--client-cmd", paramLabel = "CMD", order = 46,
            description = "Run this program (sh -c, {server} substituted) on the client side instead of a quiver command; the link's counters follow.")
    String clientCmd;

    @Option(names = "--json", order = 47, description = "With --client-cmd: print the link's counters as JSON.")
    boolean json;

    @Parameters(paramLabel = "COMMAND", arity = "0..*",
            description = "After --: a quiver command and its arguments (run, compare, leak-check, interop), run on the client side. "
                    + "interop ... --www DIR: quiver's own server serves DIR (serve --www DIR), into which interop writes each case's files.")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() {
        if (command.isEmpty() == (clientCmd == null)) {
            throw new UsageException(command.isEmpty()
                    ? "lab: give a quiver command after -- (e.g. -- run https://{server}/ -k) or --client-cmd"
                    : "lab: give a quiver command after -- or --client-cmd, not both");
        }
        if (!command.isEmpty() && command.get(0).equals("lab")) {
            throw new UsageException("lab: a lab cannot run inside a lab");
        }
        if (serverPort < 1 || serverPort > 65535) {
            throw new UsageException("--server-port: " + serverPort + " is not a port");
        }
        if (serveArgs != null && serverCmd != null) {
            throw new UsageException("--serve-args is for quiver's own server; with --server-cmd put them in the command");
        }
        List<String> extra = serveArgs == null || serveArgs.isBlank() ? List.of() : List.of(serveArgs.strip().split("\\s+"));
        LinkSpec spec;
        try {
            spec = link.toFlags().build(seed != null ? seed : new SecureRandom().nextLong() & Long.MAX_VALUE, mtu);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (tcpCc != null) {
            try {
                TcpCongestionControl.check(tcpCc);
            } catch (IllegalArgumentException | java.io.IOException e) {
                throw new UsageException(e instanceof IllegalArgumentException ? e.getMessage()
                        : "--tcp-cc: cannot read this kernel's congestion controls (" + e.getMessage() + ")");
            }
        }
        LabRun run = new LabRun(spec, tcpCc, warmup, serverCmd, extra, serverPort, serverTimeout, System.err);
        return clientCmd != null ? run.client(clientCmd, json, System.out) : run.quiver(command);
    }
}
