package dev.quiver.cli.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.cli.report.LeakCheckResult;
import dev.quiver.cli.report.LeakTextReport;
import dev.quiver.core.engine.Protocol;
import dev.quiver.core.leak.LeakReport;
import dev.quiver.core.leak.Phase;
import dev.quiver.core.leak.Point;
import dev.quiver.core.leak.Resource;
import dev.quiver.core.leak.ResourceVerdict;
import dev.quiver.core.leak.Slope;
import dev.quiver.core.leak.Verdict;
import dev.quiver.core.report.LoadModel;
import dev.quiver.core.report.RunResult;
import dev.quiver.core.report.StopReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LeakHtmlReportTest {

    private static final Pattern RESOURCE_ROW = Pattern.compile("<tr data-resource=\"([^\"]+)\" data-verdict=\"([a-z_]+)\">");
    private static final Pattern SERIES = Pattern.compile("<path class=\"series\" data-variant=\"([^\"]+)\" data-points=\"(\\d+)\"");
    private static final Pattern BAND = Pattern.compile("<rect class=\"band\" data-phase=\"([a-z]+)\"");

    @Test
    void verdictsPlotsAndTheLoadsOwnPage() {
        List<Point> rss = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Phase phase = i < 4 ? Phase.BASELINE : i < 6 ? Phase.WARMUP : i < 16 ? Phase.LOAD : Phase.COOLDOWN;
            long requests = i < 4 ? 0 : Math.min(i, 16) * 1000L;
            rss.add(new Point(i * 0.25, phase, requests, 200e6 + (i < 4 ? 0 : Math.min(i, 16)) * 1e6));
        }
        var leak = new ResourceVerdict("pid 42", Resource.gauge("pid 42 rss", Resource.Unit.BYTES), 200e6, 216e6, 216e6, 216e6,
                new Slope(1e6, 0.9e6, 1.1e6, 10), Verdict.LEAK, "grows 1.0 MiB per 1k requests and stays up", rss);
        var unknown = new ResourceVerdict("prometheus http://127.0.0.1:1/metrics",
                Resource.gauge("server process_open_fds", Resource.Unit.COUNT), Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                null, Verdict.UNKNOWN, "no readings <watcher down>", List.of());
        LeakReport report = new LeakReport(List.of(leak, unknown), List.of("warning: watcher prometheus failed: refused & gone"));
        var phases = new LeakTextReport.Phases(Duration.ofSeconds(1), Duration.ofMillis(500), 2.5, Duration.ofSeconds(1),
                Duration.ofMillis(250));
        RunResult run = RunResult.builder().target("http://127.0.0.1:8080/").protocol(Protocol.HTTP_1_1).engine("netty")
                .model(LoadModel.CLOSED)
                .parameters(new RunResult.Parameters(4, 1, 0, 2.5, 0, 30, "GET"))
                .window(new RunResult.Window(1_700_000_000_000_000L, 2_500_000, 1_000_000, StopReason.DURATION))
                .build();

        String html = LeakHtmlReport.render(new LeakCheckResult(report, phases, run));
        SelfContained.check(html);
        assertTrue(html.contains("<p class=\"summary leak\" id=\"verdict\" data-verdict=\"leak\">Verdict: LEAK: 1 resource(s) leak</p>"),
                html);
        Matcher row = RESOURCE_ROW.matcher(html);
        List<String> verdicts = new ArrayList<>();
        while (row.find()) {
            verdicts.add(row.group(1) + "=" + row.group(2));
        }
        assertEquals(List.of("pid 42 rss=leak", "server process_open_fds=unknown"), verdicts);
        assertTrue(html.contains("<td data-value=\"2.16E8\">206.0 MiB</td>"), "peak, for machines and for people");
        assertTrue(html.contains("<td class=\"leak\" title=\"grows 1.0 MiB per 1k requests and stays up\">LEAK</td>"), html);
        assertTrue(html.contains("no readings &lt;watcher down&gt;"), "reasons escaped");
        assertTrue(html.contains("<li>warning: watcher prometheus failed: refused &amp; gone</li>"), "warnings");

        Matcher series = SERIES.matcher(html);
        assertTrue(series.find(), "a plot of the readings");
        assertEquals("pid 42 rss", series.group(1));
        assertEquals("20", series.group(2), "every reading drawn");
        assertTrue(html.contains("id=\"chart-resource-1\""), html);
        assertFalse(html.contains("id=\"chart-resource-2\""), "no plot for a resource without readings");
        List<String> bands = new ArrayList<>();
        Matcher band = BAND.matcher(html);
        while (band.find()) {
            bands.add(band.group(1));
        }
        assertEquals(List.of("baseline", "warmup", "load", "cooldown"), bands);
        assertTrue(html.contains("text-anchor=\"middle\">MiB</text>"), "y axis in MiB");

        int load = html.indexOf("<h2 id=\"load\">The load</h2>");
        assertTrue(load > html.indexOf("id=\"chart-resource-1\""), "the load's page follows the verdicts");
        for (String part : List.of("id=\"summary\"", "id=\"figures\"", "id=\"chart-percentiles\"", "id=\"parameters\"")) {
            assertTrue(html.indexOf(part) > load, part + " of the run's page");
        }
        assertEquals(1, html.split("<h1>", -1).length - 1, "one title");
    }
}
