package dev.quiver.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileInputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Shards as a user runs them: four {@code quiver run --shard i/4 --start-at T} processes against one
 * {@code quiver serve}, then {@code quiver merge}: the counts add up, the merged histograms are the
 * shards' added, the loads began together, and a file that does not belong is refused.
 */
class ShardsProcessTest {

    @RegisterExtension
    static final SharedServe SERVE = new SharedServe();

    /** The least time the shards get to be ready; more when one JVM alone is slow to start here ({@link #startIn}). */
    private static final long MIN_START_IN_MILLIS = 8_000;
    private static final long MAX_START_IN_MILLIS = 90_000;
    /** Loads that began further apart than this did not start together (they start within a few ms when on time). */
    private static final long MAX_SKEW_MICROS = 250_000;
    private static final List<String> METRICS = List.of("latency_us", "first_byte_us", "connect_us");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void fourShardsStartTogetherAndMergeExactly() throws Exception {
        String url = "http://127.0.0.1:" + SERVE.get().plainPort + "/";
        long startIn = startIn(url);
        Instant at = Instant.now().plusMillis(startIn).truncatedTo(ChronoUnit.MILLIS);
        Path hlog = dir.resolve("shard-0.hlog");
        List<QuiverProcess.Running> running = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            List<String> args = new ArrayList<>(List.of("run", url, "-c", "8", "-n", "2000", "--shard", i + "/4",
                    "--start-at", at.toString(), "--json", "--no-progress"));
            if (i == 0) {
                args.addAll(List.of("--hlog", hlog.toString()));
            }
            running.add(QuiverProcess.start(args.toArray(String[]::new)));
        }
        List<Path> files = new ArrayList<>();
        List<JsonNode> shards = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            var out = running.get(i).finish(startIn / 1000 + 90);
            assertEquals(0, out.exitCode(), "shard " + i + ": " + out.stderr());
            Path f = Files.writeString(dir.resolve("shard-" + i + ".json"), out.stdout());
            files.add(f);
            JsonNode j = JSON.readTree(out.stdout());
            shards.add(j);
            assertEquals(i, j.at("/shard/index").asInt());
            assertEquals(4, j.at("/shard/count").asInt());
            assertEquals(500, j.at("/requests/total").asLong(), "-n 2000 in four equal parts");
            assertEquals(2, j.at("/parameters/connections").asInt());
            assertEquals(at.toString(), j.at("/start_at/time").asText());
        }

        // together: none began before the instant, and all within the bound of each other
        long atMicros = at.toEpochMilli() * 1000;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        StringBuilder starts = new StringBuilder();
        for (JsonNode j : shards) {
            long start = j.at("/window/start_epoch_us").asLong();
            assertTrue(start >= atMicros - 1_000, "a shard began " + (atMicros - start) + " us before its start instant");
            assertTrue(j.at("/start_at/late_ms").asDouble() * 1000 < MAX_SKEW_MICROS,
                    "shard " + j.at("/shard/index") + " was not ready by the instant, " + startIn + " ms after its launch: late by "
                            + j.at("/start_at/late_ms") + " ms");
            first = Math.min(first, start);
            last = Math.max(last, start);
            starts.append(String.format(" %+.1f", (start - atMicros) / 1000.0));
        }
        long skew = last - first;
        System.out.printf("shards: load start relative to the instant (ms):%s; skew %.1f ms%n", starts, skew / 1000.0);
        assertTrue(skew <= MAX_SKEW_MICROS, "start skew " + skew / 1000.0 + " ms");

        // every merge in one JVM of the jar (as a user runs them, without a JVM start each)
        Path page = dir.resolve("merged.html");
        String text = Files.readString(files.get(1));
        Path other = Files.writeString(dir.resolve("other-target.json"),
                text.replace("\"target\" : \"http://127.0.0.1:", "\"target\" : \"http://127.0.0.2:"));
        Path truncated = Files.writeString(dir.resolve("truncated.json"), text.substring(0, text.length() / 2));
        List<String> all = files.stream().map(Path::toString).toList();
        List<CommandLines.Answer> answers = CommandLines.run(List.of(
                concat(List.of("merge"), all, List.of("--json")),
                concat(List.of("merge"), all, List.of("--html", page.toString())),
                List.of("merge", all.get(0), all.get(0), "--json"),
                List.of("merge", all.get(1), other.toString()),
                List.of("merge", all.get(1), truncated.toString()),
                concat(List.of("merge"), all, List.of("--json", "--threshold", "errors<1", "--threshold", "p99<60s")),
                concat(List.of("merge"), all, List.of("--threshold", "rps>1000000000"))), 120);

        // merged: counts summed, histograms added
        var merged = answers.get(0).outcome();
        assertEquals(0, merged.exitCode(), merged.stderr());
        JsonNode m = JSON.readTree(merged.stdout());
        assertEquals(2000, m.at("/requests/total").asLong());
        assertEquals(sum(shards, "/requests/ok"), m.at("/requests/ok").asLong());
        assertEquals(2000, m.at("/requests/ok").asLong());
        assertEquals(sum(shards, "/streams/opened"), m.at("/streams/opened").asLong());
        assertEquals(0, m.at("/streams/live").asLong());
        assertEquals(8, m.at("/connections/opened").asLong());
        // the whole load's workload, not one shard's (the four parts are equal, as equal rounds of a comparison are)
        assertEquals(8, m.at("/parameters/connections").asInt());
        assertEquals(2000, m.at("/parameters/requests").asLong());
        for (String metric : METRICS) {
            Histogram added = new Histogram(1, 3_600_000_000L, 3);
            for (JsonNode j : shards) {
                added.add(decode(j.at("/histograms/" + metric).asText()));
            }
            assertEquals(added, decode(m.at("/histograms/" + metric).asText()), metric);
            if (metric.equals("latency_us")) {
                assertEquals(2000, added.getTotalCount());
                assertEquals(Math.round(added.getValueAtPercentile(99)) / 1000.0, m.at("/latency_ms/p99").asDouble(), 1e-9);
                assertEquals(Math.round(added.getValueAtPercentile(99.9)) / 1000.0, m.at("/latency_ms/p999").asDouble(), 1e-9);
            }
        }
        assertEquals(4, m.at("/shards/count").asInt());
        assertEquals(skew / 1000.0, m.at("/shards/start_skew_ms").asDouble(), 0.001);
        assertEquals(0, m.at("/shards/problems").size());
        assertEquals(4, m.at("/shards/parts").size());
        for (int i = 0; i < 4; i++) {
            assertEquals(files.get(i).toString(), m.at("/shards/parts/" + i + "/from").asText());
            assertEquals(i, m.at("/shards/parts/" + i + "/index").asInt());
            assertTrue(m.at("/shards/parts/" + i + "/books_balanced").asBoolean());
        }

        // the interval log of shard 0, read by HdrHistogram's own reader
        Histogram fromLog = new Histogram(1, 3_600_000_000L, 3);
        try (HistogramLogReader reader = new HistogramLogReader(new FileInputStream(hlog.toFile()))) {
            EncodableHistogram h;
            while ((h = reader.nextIntervalHistogram()) != null) {
                if (((Histogram) h).getTag() == null) {
                    fromLog.add((Histogram) h);
                }
            }
        }
        assertEquals(500, fromLog.getTotalCount());
        assertEquals(decode(shards.get(0).at("/histograms/latency_us").asText()), fromLog);

        // the text and the page say it too
        var textOut = answers.get(1).outcome();
        assertEquals(0, textOut.exitCode(), textOut.stderr());
        assertTrue(textOut.stdout().contains("Requests:      2000 (ok 2000"), textOut.stdout());
        assertTrue(textOut.stdout().contains("Merged 4 parts"), textOut.stdout());
        assertTrue(textOut.stdout().lines().anyMatch(l -> l.strip().startsWith("3/4 ") && l.contains("shard-3.json")), textOut.stdout());
        assertTrue(Files.readString(page).contains("<section id=\"shards\">"));

        mergingAFileWithItselfDoublesCountsAndKeepsPercentiles(answers.get(2).outcome(), shards.get(0));
        refusesWhatDoesNotBelong(answers.get(3).outcome(), answers.get(4).outcome(), truncated);

        // thresholds judge the merged run: the fleet's p99 is the merged histogram's
        var passing = answers.get(5).outcome();
        assertEquals(0, passing.exitCode(), passing.stderr());
        JsonNode t = JSON.readTree(passing.stdout()).get("thresholds");
        assertTrue(t.get("passed").asBoolean(), t.toString());
        assertEquals(2, t.get("results").size(), t.toString());
        var failing = answers.get(6).outcome();
        assertEquals(7, failing.exitCode(), failing.stdout() + failing.stderr());
        assertTrue(failing.stderr().contains("quiver: threshold failed: rps>1000000000"), failing.stderr());
    }

    /**
     * How long the shards get to be ready: four times what a one-request quiver run takes from its
     * launch to its end here and now (a busy 2-core machine may take many seconds), and some.
     */
    private static long startIn(String url) throws Exception {
        long t0 = System.nanoTime();
        var one = QuiverProcess.run(90, "run", url, "-n", "1", "-c", "1", "--json");
        assertEquals(0, one.exitCode(), one.stderr());
        long oneMillis = (System.nanoTime() - t0) / 1_000_000;
        long startIn = Math.min(MAX_START_IN_MILLIS, Math.max(MIN_START_IN_MILLIS, 4 * oneMillis + 3_000));
        System.out.printf("shards: one run takes %d ms from launch to end here; the shards start %d ms after theirs%n", oneMillis, startIn);
        return startIn;
    }

    private static List<String> concat(List<String> a, List<String> b, List<String> c) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        all.addAll(c);
        return all;
    }

    private void mergingAFileWithItselfDoublesCountsAndKeepsPercentiles(QuiverProcess.Outcome out, JsonNode shard) throws Exception {
        assertEquals(0, out.exitCode(), out.stderr());
        assertTrue(out.stderr().contains("given more than once: shards [0] of 4"), out.stderr());
        JsonNode m = JSON.readTree(out.stdout());
        assertEquals(2 * shard.at("/requests/total").asLong(), m.at("/requests/total").asLong());
        assertEquals(2 * shard.at("/streams/opened").asLong(), m.at("/streams/opened").asLong());
        for (String p : List.of("min", "p50", "p90", "p99", "p999", "max")) {
            assertEquals(shard.at("/latency_ms/" + p).asDouble(), m.at("/latency_ms/" + p).asDouble(), 1e-9, p);
        }
    }

    private void refusesWhatDoesNotBelong(QuiverProcess.Outcome otherTarget, QuiverProcess.Outcome truncated, Path truncatedFile) {
        assertEquals(2, otherTarget.exitCode(), otherTarget.stderr());
        assertEquals(1, otherTarget.stderr().lines().count(), otherTarget.stderr());
        assertTrue(otherTarget.stderr().contains("different targets"), otherTarget.stderr());
        assertTrue(otherTarget.stdout().isEmpty());

        assertEquals(2, truncated.exitCode(), truncated.stderr());
        assertEquals(1, truncated.stderr().lines().count(), truncated.stderr());
        assertTrue(truncated.stderr().contains(truncatedFile.toString()), "names the file: " + truncated.stderr());
        assertTrue(truncated.stdout().isEmpty());
    }

    private static long sum(List<JsonNode> shards, String pointer) {
        return shards.stream().mapToLong(j -> j.at(pointer).asLong()).sum();
    }

    private static Histogram decode(String base64) throws Exception {
        return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
    }
}
