package dev.quiver.cli.lab;

import dev.quiver.lab.link.LinkFlags;
import java.lang.reflect.Field;
import picocli.CommandLine.Option;

/**
 * The link's flags of {@code quiver lab}. Each is kept as typed and handed to the lab's
 * {@link LinkFlags} by its name, which checks and converts it; {@code -up} is client to server,
 * {@code -down} server to client.
 */
public final class LinkOptions {

    @Option(names = "--profile", paramLabel = "NAME", order = 1,
            description = "Start from a named link: lossy-wifi, 4g, 3g, satellite, transatlantic (values in the README); other flags override it.")
    String profile;

    @Option(names = "--rtt", paramLabel = "D", order = 2, description = "Round-trip time: half of it is added each way (e.g. 80ms).")
    String rtt;

    @Option(names = "--delay", paramLabel = "D", order = 3, description = "One-way delay, each way (instead of --rtt).")
    String delay;
    @Option(names = "--delay-up", paramLabel = "D", order = 4, description = "One-way delay, client to server only.")
    String delayUp;
    @Option(names = "--delay-down", paramLabel = "D", order = 5, description = "One-way delay, server to client only.")
    String delayDown;

    @Option(names = "--jitter", paramLabel = "D", order = 6,
            description = "Each packet's delay varies uniformly within +-D; packets keep their order.")
    String jitter;
    @Option(names = "--jitter-up", paramLabel = "D", order = 7, description = "The same, client to server only.")
    String jitterUp;
    @Option(names = "--jitter-down", paramLabel = "D", order = 8, description = "The same, server to client only.")
    String jitterDown;

    @Option(names = "--rate", paramLabel = "R", order = 9, description = "Bottleneck rate each way, token bucket of one MTU (e.g. 10mbit, 512kbit).")
    String rate;
    @Option(names = "--rate-up", paramLabel = "R", order = 10, description = "Rate, client to server only.")
    String rateUp;
    @Option(names = "--rate-down", paramLabel = "R", order = 11, description = "Rate, server to client only.")
    String rateDown;

    @Option(names = "--queue", paramLabel = "Q", order = 12,
            description = "The rate limit's drop-tail queue: a time (50ms) or packets (100p). Default: 50ms.")
    String queue;
    @Option(names = "--queue-up", paramLabel = "Q", order = 13, description = "The same, client to server only.")
    String queueUp;
    @Option(names = "--queue-down", paramLabel = "Q", order = 14, description = "The same, server to client only.")
    String queueDown;

    @Option(names = "--loss", paramLabel = "P", order = 15, description = "Packet loss each way (e.g. 1%%).")
    String loss;
    @Option(names = "--loss-up", paramLabel = "P", order = 16, description = "Packet loss, client to server only.")
    String lossUp;
    @Option(names = "--loss-down", paramLabel = "P", order = 17, description = "Packet loss, server to client only.")
    String lossDown;

    @Option(names = "--loss-burst", paramLabel = "N", order = 18,
            description = "Losses come in bursts of N packets on average (Gilbert-Elliott); the loss rate stays --loss.")
    String lossBurst;
    @Option(names = "--loss-burst-up", paramLabel = "N", order = 19, description = "The same, client to server only.")
    String lossBurstUp;
    @Option(names = "--loss-burst-down", paramLabel = "N", order = 20, description = "The same, server to client only.")
    String lossBurstDown;
    @Option(names = "--loss-max-run", paramLabel = "N", order = 20,
            description = "Independent losses, but at most N in a row, the next packet passes (the QUIC interop runner's drop-rate burst; not with --loss-burst). Default: no cap.")
    String lossMaxRun;
    @Option(names = "--loss-max-run-up", paramLabel = "N", order = 20, description = "The same, client to server only.")
    String lossMaxRunUp;
    @Option(names = "--loss-max-run-down", paramLabel = "N", order = 20, description = "The same, server to client only.")
    String lossMaxRunDown;

    @Option(names = "--reorder", paramLabel = "P", order = 21,
            description = "Share of packets held back by --reorder-gap, so later ones overtake them.")
    String reorder;
    @Option(names = "--reorder-up", paramLabel = "P", order = 22, description = "The same, client to server only.")
    String reorderUp;
    @Option(names = "--reorder-down", paramLabel = "P", order = 23, description = "The same, server to client only.")
    String reorderDown;
    @Option(names = "--reorder-gap", paramLabel = "D", order = 24, description = "How long a reordered packet is held back. Default: 10ms.")
    String reorderGap;

    @Option(names = "--duplicate", paramLabel = "P", order = 25, description = "Share of packets sent twice.")
    String duplicate;
    @Option(names = "--duplicate-up", paramLabel = "P", order = 26, description = "The same, client to server only.")
    String duplicateUp;
    @Option(names = "--duplicate-down", paramLabel = "P", order = 27, description = "The same, server to client only.")
    String duplicateDown;

    @Option(names = "--corrupt", paramLabel = "P", order = 28,
            description = "Share of packets with one payload byte changed (checksums left as they were).")
    String corrupt;
    @Option(names = "--corrupt-up", paramLabel = "P", order = 29, description = "The same, client to server only.")
    String corruptUp;
    @Option(names = "--corrupt-down", paramLabel = "P", order = 30, description = "The same, server to client only.")
    String corruptDown;
    @Option(names = "--corrupt-max-run", paramLabel = "N", order = 30,
            description = "At most N packets corrupted in a row, the next one passes (the QUIC interop runner's corrupt-rate burst). Default: no cap.")
    String corruptMaxRun;
    @Option(names = "--corrupt-max-run-up", paramLabel = "N", order = 30, description = "The same, client to server only.")
    String corruptMaxRunUp;
    @Option(names = "--corrupt-max-run-down", paramLabel = "N", order = 30, description = "The same, server to client only.")
    String corruptMaxRunDown;

    @Option(names = "--drop", paramLabel = "LIST", order = 30,
            description = "Drop these UDP packets by their number, counting from 1 each way (e.g. 2,3,4-7; the QUIC interop runner's droplist).")
    String drop;
    @Option(names = "--drop-up", paramLabel = "LIST", order = 30,
            description = "The same, client to server only (the runner's --drops_to_server; amplificationlimit: 2-7).")
    String dropUp;
    @Option(names = "--drop-down", paramLabel = "LIST", order = 30, description = "The same, server to client only (--drops_to_client).")
    String dropDown;

    @Option(names = "--blackhole", paramLabel = "UP/DARK", order = 31,
            description = "The link works for UP, then drops everything for DARK, repeated (e.g. 5s/2s).")
    String blackhole;

    @Option(names = "--rebind-port", paramLabel = "EVERY", order = 32,
            description = "NAT: every EVERY the client's flows get a new source port (e.g. 10s).")
    String rebindPort;

    @Option(names = "--rebind-addr", paramLabel = "EVERY", order = 33,
            description = "NAT: every EVERY the client's flows get a new source address.")
    String rebindAddr;

    @Option(names = "--rebind-first", paramLabel = "D", order = 34,
            description = "NAT: the first rebinding after D, then every EVERY (the QUIC interop runner's --first-rebind; e.g. 1s). Default: after EVERY.")
    String rebindFirst;

    /** The flags given, by name, for the lab to check and turn into a link. */
    public LinkFlags toFlags() {
        LinkFlags flags = new LinkFlags();
        for (Field f : LinkOptions.class.getDeclaredFields()) {
            Option o = f.getAnnotation(Option.class);
            if (o == null) {
                continue;
            }
            try {
                flags.set(o.names()[0].substring(2), (String) f.get(this));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return flags;
    }
}
