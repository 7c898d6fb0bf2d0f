package dev.quiver.core.interop.cases;

import dev.quiver.core.interop.CaseRun;
import dev.quiver.core.interop.CaseSetting;
import dev.quiver.core.interop.ClientOptions;
import dev.quiver.core.interop.InteropCase;
import dev.quiver.core.interop.InteropClient;
import dev.quiver.core.interop.InteropConnection;
import dev.quiver.core.interop.LinkControl;
import dev.quiver.core.interop.Measurement;
import dev.quiver.core.interop.Outcome;
import dev.quiver.core.interop.Resource;
import dev.quiver.core.interop.Response;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The interop runner's goodput measurement, inside {@code quiver lab}: a 10 MiB download over its
 * 10 Mbit/s link (15 ms each way, a queue of 25 packets); the result is the body's bits over the
 * time from the request to the body's last byte, in kbit/s (the runner's unit). Valid (pass) when
 * the download is byte-exact; the number is the result, not a pass mark.
 */
public final class Goodput implements InteropCase {

    static final CaseSetting BYTES = new CaseSetting("bytes", 10 * Transfer.MIB, 1, 1L << 30,
            "size of the download (the runner's 10 MiB)");

    @Override
    public String id() {
        return "goodput";
    }

    @Override
    public String abbreviation() {
        return "G";
    }

    @Override
    public String description() {
        return "measurement at 10 Mbit/s, 15 ms each way (quiver lab): goodput of a 10 MiB download, in kbit/s";
    }

    @Override
    public boolean measurement() {
        return true;
    }

    @Override
    public List<CaseSetting> settings() {
        return List.of(BYTES);
    }

    @Override
    public Duration minimumTimeout() {
        return Duration.ofSeconds(60);
    }

    @Override
    public Outcome run(CaseRun run) throws Exception {
        LinkControl link = run.link();
        Resource file = run.files(run.setting(BYTES)).get(0);
        link.set(LossyHandshakes.RUNNER_LINK);
        try (InteropClient client = run.client(ClientOptions.PLAIN); InteropConnection c = client.connect()) {
            long start = System.nanoTime();
            Response r = c.get(file.path());
            double ms = Math.max(1, (System.nanoTime() - start) / 1e6);
            String bad = run.mismatch(file, r);
            double kbps = 8.0 * r.bodyBytes() / ms;
            String seen = String.format(Locale.ROOT, "%s: goodput %.0f kbit/s (%d bytes in %.0f ms, from the request to the last byte); %s",
                    LossyHandshakes.RUNNER_LINK.replace(' ', ','), kbps, r.bodyBytes(), ms,
                    bad == null ? run.judgedBy() : bad);
            return Outcome.measured(bad == null, seen, new Measurement("goodput", Math.round(kbps), "kbps"));
        }
    }
}
