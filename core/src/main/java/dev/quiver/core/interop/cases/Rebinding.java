package dev.quiver.core.interop.cases;

import dev.quiver.core.interop.CaseRun;
import dev.quiver.core.interop.CaseSetting;
import dev.quiver.core.interop.ClientOptions;
import dev.quiver.core.interop.InteropClient;
import dev.quiver.core.interop.InteropCase;
import dev.quiver.core.interop.InteropConnection;
import dev.quiver.core.interop.LinkControl;
import dev.quiver.core.interop.Outcome;
import dev.quiver.core.interop.PathValidation;
import dev.quiver.core.interop.Resource;
import dev.quiver.core.interop.Response;
import dev.quiver.core.interop.UnsupportedCase;
import java.time.Duration;
import java.util.List;

/**
 * What rebind-port and rebind-addr share: the runner's 10 MiB transfer over its 10 Mbit/s link
 * while the lab's NAT gives the client a new port (and address) 1 s after the start and every 5 s
 * after ({@code rebind --first-rebind=1s --rebind-freq=5s}). It passes when the download is exact,
 * the link says it rebound, and the client saw the server validate the new path: PATH_CHALLENGE
 * received, each answered with a PATH_RESPONSE. A stack that does not show those frames gets
 * {@code not shown} with its reason, never a pass.
 */
abstract class Rebinding implements InteropCase {

    private static final CaseSetting BYTES = new CaseSetting("bytes", 10 * Transfer.MIB, 1, 1L << 30,
            "size of the download (the runner's 10 MiB)");

    /** The NAT's flags ({@code rebind-port=5s}). */
    private final String nat;

    Rebinding(String nat) {
        this.nat = nat;
    }

    @Override
    public final List<CaseSetting> settings() {
        return List.of(BYTES);
    }

    @Override
    public final Duration minimumTimeout() {
        return Duration.ofSeconds(60);
    }

    @Override
    public final Outcome run(CaseRun run) throws Exception {
        return run(run, BYTES, nat);
    }

    private static Outcome run(CaseRun run, CaseSetting bytes, String nat) throws Exception {
        LinkControl link = run.link();
        Resource file = run.files(run.setting(bytes)).get(0);
        String flags = LossyHandshakes.RUNNER_LINK + " " + nat + " rebind-first=1s";
        link.set(flags);
        try (InteropClient client = run.client(ClientOptions.PLAIN); InteropConnection c = client.connect()) {
            Response r;
            try {
                r = c.get(file.path());
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                String report = link.report();
                return Outcome.fail(flags.replace(' ', ',') + ": GET " + file.path() + " failed after "
                        + LinkReport.sum(report, "nat_rebinds") + " NAT rebindings: " + e.getMessage() + " (" + LinkReport.traffic(report) + ")");
            }
            String bad = run.mismatch(file, r);
            long rebinds = LinkReport.sum(link.report(), "nat_rebinds");
            String seen = flags.replace(' ', ',') + ": " + rebinds + " NAT rebindings by the link during the transfer; "
                    + (bad == null ? r.bodyBytes() + " bytes, " + run.judgedBy() : bad);
            if (bad != null) {
                return Outcome.fail(seen);
            }
            if (c.handshakeAttempts() > 1) {
                return Outcome.fail(seen + "; the handshake needed " + c.handshakeAttempts() + " connections");
            }
            if (rebinds == 0) {
                return Outcome.notShown(seen + ": the transfer ended before the first rebinding");
            }
            PathValidation pv;
            try {
                pv = c.pathValidation();
            } catch (UnsupportedCase e) {
                return Outcome.notShown(seen + "; path validation not shown: " + e.getMessage());
            }
            seen += "; " + pv.challengesReceived() + " PATH_CHALLENGE received, " + pv.responsesSent() + " PATH_RESPONSE sent";
            if (pv.challengesReceived() == 0) {
                return Outcome.fail(seen + ": the server never validated the client's new path");
            }
            if (pv.unanswered() > 0) {
                return Outcome.fail(seen + ": " + pv.unanswered() + " challenges got no PATH_RESPONSE");
            }
            return Outcome.pass(seen + ", every challenge answered");
        }
    }
}
