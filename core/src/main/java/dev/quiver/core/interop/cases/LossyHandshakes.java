package dev.quiver.core.interop.cases;

import dev.quiver.core.interop.CaseRun;
import dev.quiver.core.interop.CaseSetting;
import dev.quiver.core.interop.ClientOptions;
import dev.quiver.core.interop.InteropClient;
import dev.quiver.core.interop.InteropCase;
import dev.quiver.core.interop.InteropConnection;
import dev.quiver.core.interop.LinkControl;
import dev.quiver.core.interop.Outcome;
import dev.quiver.core.interop.Resource;
import dev.quiver.core.interop.Response;
import java.time.Duration;
import java.util.List;

/**
 * Handshake after handshake through a link that hits 30% of the packets each way, at most 3 in a row (the runner's burst):
 * what handshakeloss and handshakecorruption share. As the runner's multiconnect: every handshake
 * on a new connection of a new client (no resumption: a full handshake each time), each fetching
 * its own 1 KiB file; every one must complete, on its first connection, byte-exact.
 */
abstract class LossyHandshakes implements InteropCase {

    /** The runner's {@code _num_runs}. */
    static final CaseSetting HANDSHAKES = new CaseSetting("handshakes", 50, 1, 1000,
            "handshakes, each on a new connection (the runner's 50)");
    /** The runner's timeout for these cases (its {@code timeout()}: 300 s). */
    static final Duration TIMEOUT = Duration.ofSeconds(300);
    /**
     * The runner's scenario besides the impairment: 15 ms each way, 10 Mbit/s, a queue of 25 packets
     * ({@code --delay=15ms --bandwidth=10Mbps --queue=25}).
     */
    static final String RUNNER_LINK = "rtt=30ms rate=10mbit queue=25p";

    /** The lab's flags for what hits the packets ({@code loss=30% loss-max-run=3}). */
    private final String impairment;
    /** The link counter that shows it ({@code dropped_loss}, {@code corrupted}). */
    private final String counter;

    LossyHandshakes(String impairment, String counter) {
        this.impairment = impairment;
        this.counter = counter;
    }

    @Override
    public final List<CaseSetting> settings() {
        return List.of(HANDSHAKES);
    }

    @Override
    public final Duration minimumTimeout() {
        return TIMEOUT;
    }

    @Override
    public final Outcome run(CaseRun run) throws Exception {
        return run(run, impairment, counter);
    }

    private static Outcome run(CaseRun run, String impairment, String counter) throws Exception {
        LinkControl link = run.link();
        int n = (int) run.setting(HANDSHAKES);
        long[] sizes = new long[n];
        java.util.Arrays.fill(sizes, 1024);
        List<Resource> files = run.files(sizes);
        link.set(RUNNER_LINK + " " + impairment);
        int initials = 0;
        int mostInitials = 0;
        String failure = null;
        int done = 0;
        for (int i = 0; i < n && failure == null; i++) {
            Resource file = files.get(i);
            // A client of its own: nothing to resume, so every handshake is a full one.
            try (InteropClient client = run.client(ClientOptions.PLAIN); InteropConnection c = client.connect()) {
                Response r = c.get(file.path());
                String bad = run.mismatch(file, r);
                String version = c.quicVersion();
                initials += c.initialsSent();
                mostInitials = Math.max(mostInitials, c.initialsSent());
                if (c.handshakeAttempts() > 1) {
                    failure = "handshake " + (i + 1) + " needed " + c.handshakeAttempts() + " connections (the engine gave up its first attempt)";
                } else if (bad != null) {
                    failure = "handshake " + (i + 1) + ": " + bad;
                } else if (version == null || version.contains("+")) {
                    failure = "handshake " + (i + 1) + ": QUIC version " + version + " in the server's long headers";
                } else {
                    done++;
                }
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                failure = "handshake " + (i + 1) + " failed: " + describe(e);
            }
        }
        String report = link.report();
        long hit = LinkReport.sum(report, counter);
        String seen = impairment.replace(' ', ',') + " (" + RUNNER_LINK.replace(' ', ',') + "): " + done + " of " + n
                + " handshakes completed, each on a new connection; " + initials + " Initial packets sent (at most "
                + mostInitials + " by one connection); " + LinkReport.bothWays(report, counter) + " packets "
                + counter.replace('_', ' ') + " by the link";
        if (failure != null) {
            return Outcome.fail(seen + "; " + failure + " (" + LinkReport.traffic(report) + ")");
        }
        if (hit == 0) {
            return Outcome.notShown(seen + ": the link never hit a packet of these handshakes");
        }
        return Outcome.pass(seen + "; every file " + run.judgedBy());
    }

    private static String describe(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.replace('\n', ' ');
    }
}
