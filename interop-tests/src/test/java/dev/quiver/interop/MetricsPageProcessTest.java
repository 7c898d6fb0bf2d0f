package dev.quiver.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code --metrics-listen}: a Prometheus scraper's view of a run while it goes. Every line of the
 * page must be valid text exposition format 0.0.4 ({@link PrometheusText}), and the counters must
 * grow from one scrape to the next.
 */
class MetricsPageProcessTest {

    @RegisterExtension
    static final SharedServe SERVE = new SharedServe();

    private static final Pattern PAGE = Pattern.compile("metrics at (http://127\\.0\\.0\\.1:\\d+/metrics)");
    private static final String OK = "quiver_requests_total{outcome=ok}";

    @Test
    void thePageIsValidExpositionFormatAndItsCountersGrow() throws Exception {
        QuiverProcess.Running run = QuiverProcess.start("run", "http://127.0.0.1:" + SERVE.get().plainPort + "/delay/5",
                "--http", "1.1", "-c", "2", "-z", "12s", "--no-progress", "--metrics-listen", "127.0.0.1:0");
        try {
            assertTrue(run.awaitStderr("metrics at ", 30_000), run.stderrSoFar());
            Matcher m = PAGE.matcher(run.stderrSoFar());
            assertTrue(m.find(), run.stderrSoFar());
            String url = m.group(1);
            AtomicReference<Map<String, Double>> first = new AtomicReference<>();
            Await.until("a scrape with completed requests", Duration.ofSeconds(30), run.process, () -> {
                first.set(PrometheusText.parse(scrape(url)));
                return first.get().get(OK) > 0;
            });
            AtomicReference<Map<String, Double>> second = new AtomicReference<>();
            Await.until("a later scrape with more", Duration.ofSeconds(30), run.process, () -> {
                second.set(PrometheusText.parse(scrape(url)));
                return second.get().get(OK) > first.get().get(OK);
            });
            Map<String, Double> a = first.get();
            Map<String, Double> b = second.get();
            for (String counter : b.keySet()) {
                if (counter.contains("_total") && a.containsKey(counter)) {
                    assertTrue(b.get(counter) >= a.get(counter), counter + " went back: " + a.get(counter) + " -> " + b.get(counter));
                }
            }
            assertTrue(b.get("quiver_request_duration_seconds_count") > a.get("quiver_request_duration_seconds_count"));
            assertTrue(b.get("quiver_request_duration_seconds_count") <= b.get(OK), "the histogram holds completed requests");
            assertEquals(0, b.get("quiver_request_duration_seconds_bucket{le=0.005}"), "nothing under the 5 ms delay");
            assertTrue(b.get("quiver_request_duration_seconds_sum") >= 0.005 * b.get("quiver_request_duration_seconds_count"));
            assertTrue(b.get("quiver_streams_opened_total") > 0);
            assertTrue(b.get("quiver_streams_ended_total{state=completed}") > 0);
            assertTrue(b.get("quiver_connections_opened_total") >= 2);
            assertTrue(b.containsKey("quiver_requests_in_flight") && b.containsKey("quiver_streams_live"));
            assertTrue(b.containsKey("quiver_stream_credit_wait_seconds_total"));
            assertEquals(1, b.get("quiver_run_info{target=http://127.0.0.1:" + SERVE.get().plainPort + "/delay/5}"));
            assertEquals(404, status(url.replace("/metrics", "/other")));
            protobufScrapeAgreesWithTheTextPage(url, run.process);
        } finally {
            run.signal("INT");
            var out = run.finish(60);
            assertEquals(0, out.exitCode(), out.stderr());
        }
    }

    /**
     * A scrape as Prometheus makes it with native histograms on: the protobuf answer, its figures
     * equal to a text scrape of the same update (the page changes once a second, so the pair is taken
     * again until both show the same elapsed time).
     */
    private static void protobufScrapeAgreesWithTheTextPage(String url, Process process) throws Exception {
        AtomicReference<PrometheusProtobuf.Page> proto = new AtomicReference<>();
        AtomicReference<Map<String, Double>> text = new AtomicReference<>();
        Await.until("a protobuf and a text scrape of the same update", Duration.ofSeconds(10), process, () -> {
            proto.set(PrometheusProtobuf.parse(scrapeProtobuf(url)));
            text.set(PrometheusText.parse(scrape(url)));
            return proto.get().samples().get("quiver_run_elapsed_seconds").equals(text.get().get("quiver_run_elapsed_seconds"));
        });
        assertEquals(text.get(), proto.get().samples(), "every family, help aside, with the same values");
        PrometheusProtobuf.Native latency = proto.get().natives().get("quiver_request_duration_seconds");
        double count = text.get().get("quiver_request_duration_seconds_count");
        assertTrue(count > 0);
        assertEquals(3, latency.schema());
        assertEquals(count, (double) latency.total(), "the native buckets hold every completed request");
        assertEquals(0, latency.zeroCount());
        // nothing at or under 5 ms (the delay): bucket -61 ends at 2^(-61/8) = 0.00506 s
        assertTrue(latency.buckets().firstKey() >= -61, latency.buckets().toString());
        assertEquals(text.get().get("quiver_request_duration_seconds_bucket{le=1}"),
                (double) latency.buckets().headMap(0, true).values().stream().mapToLong(Long::longValue).sum(),
                "1 s is a bound of both");
    }

    private static byte[] scrapeProtobuf(String url) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        c.setConnectTimeout(5_000);
        c.setReadTimeout(5_000);
        c.setRequestProperty("Accept", "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0.5,"
                + "application/openmetrics-text;version=1.0.0;q=0.4,text/plain;version=0.0.4;q=0.2,*/*;q=0.1");
        try {
            assertEquals(200, c.getResponseCode());
            assertEquals("application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited", c.getContentType());
            return c.getInputStream().readAllBytes();
        } finally {
            c.disconnect();
        }
    }

    private static String scrape(String url) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        c.setConnectTimeout(5_000);
        c.setReadTimeout(5_000);
        try {
            assertEquals(200, c.getResponseCode());
            assertEquals("text/plain; version=0.0.4; charset=utf-8", c.getContentType());
            return new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            c.disconnect();
        }
    }

    private static int status(String url) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        try {
            return c.getResponseCode();
        } finally {
            c.disconnect();
        }
    }
}
