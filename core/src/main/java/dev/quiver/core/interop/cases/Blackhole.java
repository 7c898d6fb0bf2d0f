package dev.quiver.core.interop.cases;

import dev.quiver.core.interop.CaseRun;
import dev.quiver.core.interop.CaseSetting;
import dev.quiver.core.interop.ClientOptions;
import dev.quiver.core.interop.InteropCase;
import dev.quiver.core.interop.InteropClient;
import dev.quiver.core.interop.InteropConnection;
import dev.quiver.core.interop.LinkControl;
import dev.quiver.core.interop.Outcome;
import dev.quiver.core.interop.Resource;
import dev.quiver.core.interop.Response;
import java.time.Duration;
import java.util.List;

/**
 * The interop runner's blackhole, inside {@code quiver lab}: a 10 MiB download over its 10 Mbit/s
 * link that works for 5 s, then drops everything both ways for 2 s, again and again; the download
 * completes byte-exact on its one connection, and the link says it went dark under it.
 */
public final class Blackhole implements InteropCase {

    static final CaseSetting BYTES = new CaseSetting("bytes", 10 * Transfer.MIB, 1, 1L << 30,
            "size of the download (the runner's 10 MiB)");
    /** The runner's scenario: {@code blackhole --delay=15ms --bandwidth=10Mbps --queue=25 --on=5s --off=2s}. */
    static final String LINK = LossyHandshakes.RUNNER_LINK + " blackhole=5s/2s";

    @Override
    public String id() {
        return "blackhole";
    }

    @Override
    public String abbreviation() {
        return "B";
    }

    @Override
    public String description() {
        return "the link on 5 s, off 2 s, at 10 Mbit/s (quiver lab): a 10 MiB download completes byte-exact on one connection";
    }

    @Override
    public List<CaseSetting> settings() {
        return List.of(BYTES);
    }

    /** The runner's default timeout (60 s): 10 MiB at 10 Mbit/s is 8.4 s of sending, plus the dark times. */
    @Override
    public Duration minimumTimeout() {
        return Duration.ofSeconds(60);
    }

    @Override
    public Outcome run(CaseRun run) throws Exception {
        LinkControl link = run.link();
        Resource file = run.files(run.setting(BYTES)).get(0);
        link.set(LINK);
        try (InteropClient client = run.client(ClientOptions.PLAIN); InteropConnection c = client.connect()) {
            long start = System.nanoTime();
            Response r;
            try {
                r = c.get(file.path());
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                String report = link.report();
                return Outcome.fail(LINK.replace(' ', ',') + ": GET " + file.path() + " failed after "
                        + (System.nanoTime() - start) / 1_000_000 + " ms: " + e.getMessage() + " (" + LinkReport.traffic(report) + ")");
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            String bad = run.mismatch(file, r);
            String report = link.report();
            long dark = LinkReport.sum(report, "blackholed");
            String seen = LINK.replace(' ', ',') + ": GET " + file.path() + " took " + ms + " ms; "
                    + LinkReport.bothWays(report, "blackholed") + " packets blackholed by the link; "
                    + (bad == null ? r.bodyBytes() + " bytes, " + run.judgedBy() : bad);
            if (c.handshakeAttempts() > 1) {
                return Outcome.fail(seen + "; the handshake needed " + c.handshakeAttempts() + " connections");
            }
            if (bad == null && dark == 0) {
                return Outcome.notShown(seen + ": the download ended before the link went dark");
            }
            return Outcome.check(bad == null, seen);
        }
    }
}
