package dev.quiver.interop;

import dev.quiver.cli.report.LeakCheckResult;
import dev.quiver.cli.report.LeakTextReport;
import dev.quiver.core.engine.Protocol;
import dev.quiver.core.interop.CaseResult;
import dev.quiver.core.interop.InteropCases;
import dev.quiver.core.interop.InteropMatrix;
import dev.quiver.core.interop.Verdict;
import dev.quiver.core.leak.LeakReport;
import dev.quiver.core.leak.Phase;
import dev.quiver.core.leak.Point;
import dev.quiver.core.leak.Resource;
import dev.quiver.core.leak.ResourceVerdict;
import dev.quiver.core.leak.Slope;
import dev.quiver.core.report.LoadModel;
import dev.quiver.core.report.RunResult;
import dev.quiver.core.report.StopReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Results made up to draw pages from without a run: a leak check with a leak, a small interop matrix. */
final class MadeUpResults {

    private MadeUpResults() {
    }

    /** A server whose RSS grows by 1 MB per 1k requests and stays up, beside one whose descriptors come back. */
    static LeakCheckResult leakCheck() {
        List<Point> rss = new ArrayList<>();
        List<Point> fds = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Phase phase = i < 4 ? Phase.BASELINE : i < 8 ? Phase.WARMUP : i < 32 ? Phase.LOAD : Phase.COOLDOWN;
            long requests = i < 4 ? 0 : Math.min(i, 32) * 500L;
            double load = i < 4 ? 0 : Math.min(i, 32);
            rss.add(new Point(i * 0.25, phase, requests, 200e6 + load * 0.5e6));
            fds.add(new Point(i * 0.25, phase, requests, phase == Phase.BASELINE || phase == Phase.COOLDOWN ? 12 : 20));
        }
        var leak = new ResourceVerdict("pid 4242", Resource.gauge("pid 4242 rss", Resource.Unit.BYTES), 200e6, 216e6, 216e6,
                216e6, new Slope(1e6, 0.9e6, 1.1e6, 24), dev.quiver.core.leak.Verdict.LEAK,
                "grows 1.0 MB per 1k requests and stays up after the cool-down", rss);
        var returned = new ResourceVerdict("pid 4242", Resource.gauge("pid 4242 open fds", Resource.Unit.COUNT), 12, 20, 20, 12,
                new Slope(0, -0.1, 0.1, 24), dev.quiver.core.leak.Verdict.RETURNED, "rose under load and came back", fds);
        var phases = new LeakTextReport.Phases(Duration.ofSeconds(1), Duration.ofSeconds(1), 6, Duration.ofSeconds(2),
                Duration.ofMillis(250));
        RunResult run = RunResult.builder().target("http://127.0.0.1:8080/").protocol(Protocol.HTTP_1_1).engine("netty")
                .model(LoadModel.CLOSED).parameters(new RunResult.Parameters(4, 1, 0, 6, 0, 30, "GET"))
                .window(new RunResult.Window(1_700_000_000_000_000L, 6_000_000, 1_000_000, StopReason.DURATION)).build();
        return new LeakCheckResult(new LeakReport(List.of(leak, returned), List.of()), phases, run);
    }

    /** Two cases on two engines: a pass, a fail, an unsupported and a pass. */
    static InteropMatrix interopMatrix() {
        return new InteropMatrix("https://127.0.0.1:4433/", List.of(InteropCases.parse("handshake"), InteropCases.parse("v2")),
                List.of("netty", "kwik"), List.of(
                        new CaseResult(InteropCases.parse("handshake"), "netty", Verdict.PASS, "QUIC v1, ALPN h3", 40),
                        new CaseResult(InteropCases.parse("handshake"), "kwik", Verdict.FAIL, "handshake timed out after 2000 ms", 2000),
                        new CaseResult(InteropCases.parse("v2"), "netty", Verdict.UNSUPPORTED, "quiche speaks QUIC v1 only", 0),
                        new CaseResult(InteropCases.parse("v2"), "kwik", Verdict.PASS, "v2 negotiated", 55)));
    }
}
