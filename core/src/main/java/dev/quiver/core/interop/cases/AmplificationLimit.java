package dev.quiver.core.interop.cases;

import dev.quiver.core.interop.CaseRun;
import dev.quiver.core.interop.ClientOptions;
import dev.quiver.core.interop.InteropCase;
import dev.quiver.core.interop.InteropClient;
import dev.quiver.core.interop.InteropConnection;
import dev.quiver.core.interop.LinkControl;
import dev.quiver.core.interop.Outcome;
import dev.quiver.core.interop.Resource;
import dev.quiver.core.interop.Response;
import java.util.Locale;

/**
 * The interop runner's amplificationlimit, inside {@code quiver lab}: before a server has validated
 * the client's address it sends at most three times the bytes it received (RFC 9000 8.1). The
 * runner's scenario: its droplist link (15 ms each way, 10 Mbit/s, a queue of 25 packets) lets the
 * client's first UDP packet, its ClientHello, through and drops the next six, so a server whose
 * first flight is larger than three ClientHellos (a long certificate chain: {@code quiver serve
 * --cert-chain 9}) has to stop at the limit and wait for more from the client.
 *
 * <p>Judged on the link, as the runner judges a capture at the server ({@code link.address_validation}):
 * the UDP payload bytes the server sent before the first client datagram starting with a Handshake
 * packet reached it, against the client's Initial datagrams before that. The runner fails a server
 * once its bytes reach 4 times the client's at any of its datagrams and lets 3 to 4 times pass (a
 * server counts every byte it received from the address, the runner only datagrams that start with
 * an Initial); so does this case, and its detail says when the server was above 3 times. The
 * runner also asks for at least 7500 bytes of Handshake CRYPTO data, proof that the large chain was
 * sent; without keys the link counts the server's Handshake packets whole, retransmissions
 * included, so that figure is an upper bound: below 7500 the server's first flight was too small
 * to test the limit (not shown), which a server with one certificate is.
 */
public final class AmplificationLimit implements InteropCase {

    /** The runner's scenario: its drop list toward the server on its usual link. */
    static final String DROPS = "drop-up=2-7";
    /** The runner's least Handshake data (the highest CRYPTO offset it saw from the server). */
    static final long MIN_HANDSHAKE_BYTES = 7500;
    /** What the server may send per byte received before validation (RFC 9000 8.1). */
    static final int LIMIT = 3;
    /** Where the runner fails a server: at 4 times; between 3 and 4 it lets the server pass. */
    static final int RUNNER_TOLERANCE = 4;
    private static final String WINDOW = "address_validation";

    @Override
    public String id() {
        return "amplificationlimit";
    }

    @Override
    public String abbreviation() {
        return "A";
    }

    @Override
    public String description() {
        return "the client's packets 2-7 dropped (quiver lab): before the client's first Handshake packet the server sends "
                + "at most 3x the bytes of its Initials (the runner lets up to 4x pass); needs a first flight over 7500 bytes";
    }

    @Override
    public Outcome run(CaseRun run) throws Exception {
        LinkControl link = run.link();
        Resource file = run.files(5 * 1024).get(0);
        // The drop list numbers the packets toward the server from the link's restart: the last packets of an
        // earlier case's connections would take the first numbers. The runner's link, then the drops once it is quiet.
        link.set(LossyHandshakes.RUNNER_LINK);
        awaitQuiet(link);
        link.set(LossyHandshakes.RUNNER_LINK + " " + DROPS);
        String got;
        try (InteropClient client = run.client(ClientOptions.PLAIN); InteropConnection c = client.connect()) {
            Response r = c.get(file.path());
            String bad = run.mismatch(file, r);
            if (c.handshakeAttempts() > 1) {
                return Outcome.fail("the handshake needed " + c.handshakeAttempts()
                        + " connections (the runner expects exactly one handshake); " + LinkReport.traffic(link.report()));
            }
            if (bad != null) {
                return Outcome.fail(bad + "; " + LinkReport.traffic(link.report()));
            }
            String version = c.quicVersion();
            if (version == null || version.contains("+")) {
                // The runner's version check: one QUIC version in the server's long headers.
                return Outcome.fail("QUIC version " + version + " in the server's long headers");
            }
            got = "QUIC " + version + ", GET " + file.path() + " -> " + r.status() + ", " + run.judgedBy();
        }
        return judge(link.report(), got);
    }

    /** Quiet: no packet either way for {@value #QUIET_MILLIS} ms; given up after {@value #MAX_WAIT_MILLIS} ms. */
    static final long QUIET_MILLIS = 1000;
    static final long MAX_WAIT_MILLIS = 5000;

    /** Waits until the link has carried nothing for a while (at most a few seconds). */
    static void awaitQuiet(LinkControl link) throws java.io.IOException, InterruptedException {
        long start = System.nanoTime();
        long seen = -1;
        long quietSince = start;
        while (System.nanoTime() - start < MAX_WAIT_MILLIS * 1_000_000) {
            String r = link.report();
            long now = LinkReport.direction(r, "to_server", "received") + LinkReport.direction(r, "to_client", "received");
            if (now != seen) {
                seen = now;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince >= QUIET_MILLIS * 1_000_000) {
                return;
            }
            Thread.sleep(100);
        }
    }

    /** The verdict from the link's report after the connection. */
    static Outcome judge(String report, String got) {
        long clientInitial = LinkReport.direction(report, WINDOW, "client_initial_bytes");
        long initials = LinkReport.direction(report, WINDOW, "client_initial_datagrams");
        long server = LinkReport.direction(report, WINDOW, "server_bytes");
        long datagrams = LinkReport.direction(report, WINDOW, "server_datagrams");
        long worstServer = LinkReport.direction(report, WINDOW, "worst_server_bytes");
        long worstClient = LinkReport.direction(report, WINDOW, "worst_client_initial_bytes");
        long handshake = LinkReport.direction(report, WINDOW, "server_handshake_bytes");
        boolean validated = LinkReport.flag(report, "validated");
        String seen = "client packets 2-7 dropped (" + LinkReport.direction(report, "to_server", "dropped_list") + " dropped); "
                + "before the client's first Handshake packet reached it, the server sent " + server + " bytes in " + datagrams
                + " datagrams for the client's " + clientInitial + " bytes of Initials in " + initials + ": "
                + ratio(server, clientInitial) + "x (at most " + ratio(worstServer, worstClient) + "x at any datagram); "
                + "the server's Handshake packets carried " + handshake + " bytes";
        if (handshake < MIN_HANDSHAKE_BYTES) {
            return Outcome.notShown(seen + ", under the runner's " + MIN_HANDSHAKE_BYTES + ": the server's first flight is too "
                    + "small to reach the limit (quiver serve --cert-chain 9 sends a large one; in a lab: --serve-args='--cert-chain 9')");
        }
        if (!validated || clientInitial == 0) {
            return Outcome.fail(seen + "; no client datagram starting with a Handshake packet reached the server, "
                    + "so the window never closed; " + got);
        }
        if (worstServer >= RUNNER_TOLERANCE * worstClient) {
            return Outcome.fail(seen + ": the server sent " + worstServer + " bytes when it had received " + worstClient
                    + ", " + RUNNER_TOLERANCE + "x or more (limit " + LIMIT + "x)");
        }
        String margin = worstServer > LIMIT * worstClient
                ? ": above " + LIMIT + "x, below the runner's tolerance of " + RUNNER_TOLERANCE + "x"
                : ": within " + LIMIT + "x";
        return Outcome.pass(seen + margin + "; " + got);
    }

    private static String ratio(long server, long client) {
        return client == 0 ? "-" : String.format(Locale.ROOT, "%.2f", (double) server / client);
    }
}
