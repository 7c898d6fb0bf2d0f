package dev.quiver.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad command lines for every client command, as a user types them: each must end with exit code
 * 2 and exactly one line on stderr, no stack trace, no exception's name, and soon (nothing may
 * connect, wait or allocate before the input is checked). {@code serve} has its own table.
 */
class BadCommandLineTest {

    /** Each bad line must end within this (a JVM start on a busy 2-core machine takes 1-3 s). */
    private static final long MAX_MILLIS = 8_000;
    /** Nothing listens there; a line that got through the checks would fail to connect (exit 3), not hang. */
    private static final String URL = "http://127.0.0.1:1/";
    private static final String TLS_URL = "https://127.0.0.1:1/";

    @TempDir
    Path dir;

    private record Row(List<String> args) {
        @Override
        public String toString() {
            return String.join(" ", args.stream().map(a -> a.chars().anyMatch(c -> c < 0x21) || a.isEmpty()
                    ? "'" + a.replace("\r", "\\r").replace("\n", "\\n").replace("\u0001", "\\x01") + "'" : a).toList());
        }
    }

    private static Row row(String... args) {
        return new Row(List.of(args));
    }

    private List<Row> table() throws Exception {
        Path ok = Files.writeString(dir.resolve("body.txt"), "hello");
        Path big = dir.resolve("big.bin");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(17L << 20); // sparse: more than the 16 MiB bound without writing it
        }
        String tooMany = Long.toString(moreConnectionsThanFit());
        List<Row> t = new ArrayList<>();
        // run: counts, rates, durations
        t.add(row("run", URL, "-n", "0"));
        t.add(row("run", URL, "-n", "-5"));
        t.add(row("run", URL, "-n", "abc"));
        t.add(row("run", URL, "-c", "0"));
        t.add(row("run", URL, "-c", "-1"));
        t.add(row("run", URL, "-c", "100000000", "-n", "10"));
        t.add(row("run", URL, "-c", "99999999999"));
        t.add(row("run", URL, "-c", tooMany, "-n", "10"));
        t.add(row("run", URL, "-p", "0"));
        t.add(row("run", URL, "-q", "0"));
        t.add(row("run", URL, "-q", "-1"));
        t.add(row("run", URL, "-q", "abc"));
        t.add(row("run", URL, "-q", "NaN"));
        t.add(row("run", URL, "-q", "Infinity"));
        t.add(row("run", URL, "-z", "0"));
        t.add(row("run", URL, "-z", "ten"));
        t.add(row("run", URL, "-z", "-1s"));
        t.add(row("run", URL, "--warmup", "-1s"));
        t.add(row("run", URL, "--warmup", "soon"));
        t.add(row("run", URL, "--warmup", ""));
        t.add(row("run", URL, "-t", "-1"));
        t.add(row("run", URL, "-t", "abc"));
        t.add(row("run", URL, "--connect-timeout", "0"));
        t.add(row("run", URL, "--io-threads", "0"));
        t.add(row("run", URL, "--io-threads", "100000"));
        t.add(row("run", URL, "--io-threads", "-1"));
        // run: method and header fields
        t.add(row("run", URL, "-m", "BAD METHOD"));
        t.add(row("run", URL, "-m", ""));
        t.add(row("run", URL, "-m", "GE(T"));
        t.add(row("run", URL, "-m", "CONNECT"));
        t.add(row("run", URL, "--http", "2", "-m", "BAD METHOD"));
        t.add(row("run", URL, "-H", "NoColon"));
        t.add(row("run", URL, "-H", ": value"));
        t.add(row("run", URL, "-H", ":path: /x"));
        t.add(row("run", URL, "-H", "Bad Name: x"));
        t.add(row("run", URL, "-H", "X-A: a\r\nInjected: 1"));
        t.add(row("run", URL, "-H", "X-A: a\u0001b"));
        t.add(row("run", URL, "-H", "No\r\nColon"));
        t.add(row("run", URL, "--http", "2", "-H", "Connection: close"));
        t.add(row("run", URL, "--http", "2", "-H", "Transfer-Encoding: chunked"));
        t.add(row("run", URL, "--http", "2", "-H", "TE: gzip"));
        t.add(row("run", TLS_URL, "--http", "3", "-H", "Upgrade: h2c"));
        t.add(row("run", TLS_URL, "-H", "Keep-Alive: 5"));
        t.add(row("run", URL, "-H", "Content-Length: 5"));
        // run: body
        t.add(row("run", URL, "-d", "x", "-D", ok.toString()));
        t.add(row("run", URL, "-D", dir.resolve("missing").toString()));
        t.add(row("run", URL, "-D", dir.toString()));
        t.add(row("run", URL, "-D", "/dev/zero"));
        t.add(row("run", URL, "-D", big.toString()));
        // run: --urls
        Path urls = Files.writeString(dir.resolve("urls.txt"), "3 GET /\n1 POST /a -d '{\"a\":1}'\n");
        t.add(row("run", URL, "--urls", dir.resolve("missing.txt").toString()));
        t.add(row("run", URL, "--urls", dir.toString()));
        t.add(row("run", URL, "--urls", "/dev/zero"));
        t.add(row("run", URL, "--urls", Files.writeString(dir.resolve("empty.txt"), "# nothing\n\n").toString()));
        t.add(row("run", URL, "--urls", Files.writeString(dir.resolve("weight.txt"), "GET /\n0 GET /a\n").toString()));
        t.add(row("run", URL, "--urls", Files.writeString(dir.resolve("relative.txt"), "GET api/items\n").toString()));
        t.add(row("run", URL, "--urls", Files.writeString(dir.resolve("quote.txt"), "POST / -d '{\"a\":1}\n").toString()));
        t.add(row("run", URL, "--urls", Files.writeString(dir.resolve("option.txt"), "GET / -X POST\n").toString()));
        t.add(row("run", URL, "--urls", Files.writeString(dir.resolve("method.txt"), "G(E)T /\n").toString()));
        t.add(row("run", URL, "--urls", Files.writeString(dir.resolve("at.txt"), "PUT / -d @nope.bin\n").toString()));
        t.add(row("run", TLS_URL, "--urls", Files.writeString(dir.resolve("conn.txt"), "GET / -H 'Connection: close'\n").toString()));
        t.add(row("run", URL, "--urls", Files.writeString(dir.resolve("length.txt"), "POST / -d abc -H 'Content-Length: 9'\n").toString()));
        t.add(row("run", URL, "--urls", urls.toString(), "-m", "POST"));
        t.add(row("run", URL, "--urls", urls.toString(), "-d", "x"));
        t.add(row("run", URL, "--urls", urls.toString(), "-D", ok.toString()));
        t.add(row("run", URL, "--urls", urls.toString(), "-H", "Bad Name: 1"));
        // run: protocol, engine, URL, shape of the line
        t.add(row("run", URL, "--http", "4"));
        t.add(row("run", URL, "--http", "3"));
        t.add(row("run", URL, "--engine", "nope"));
        t.add(row("run", TLS_URL, "--http", "3", "--engine", "nope"));
        t.add(row("run", URL, "--engine", "kwik", "--http", "2"));
        t.add(row("run", "ftp://127.0.0.1/"));
        t.add(row("run", "not a url"));
        t.add(row("run", "http://127.0.0.1:65536/"));
        t.add(row("run", "http://127.0.0.1:0/"));
        t.add(row("run", "http:///path"));
        t.add(row("run", "http://127.0.0.1:99999999999/"));
        t.add(row("run", "http://host_name:80/"));
        t.add(row("run", URL, "--no-such-flag"));
        t.add(row("run"));
        t.add(row("run", URL, "http://127.0.0.1:2/"));
        // run: qlog (a directory that cannot be made, a count out of range, a protocol that is not QUIC)
        String qlogs = dir.resolve("qlogs").toString();
        t.add(row("run", TLS_URL, "--http", "3", "--qlog-max", "2"));
        t.add(row("run", TLS_URL, "--http", "3", "--qlog", qlogs, "--qlog-max", "0"));
        t.add(row("run", TLS_URL, "--http", "3", "--qlog", qlogs, "--qlog-max", "-1"));
        t.add(row("run", TLS_URL, "--http", "3", "--qlog", qlogs, "--qlog-max", "100000"));
        t.add(row("run", TLS_URL, "--http", "3", "--qlog", qlogs, "--qlog-max", "99999999999"));
        t.add(row("run", TLS_URL, "--http", "3", "--qlog", ok.toString()));
        t.add(row("run", TLS_URL, "--http", "3", "--qlog", ok.resolve("sub").toString()));
        t.add(row("run", TLS_URL, "--http", "3", "--qlog", "/proc/quiver-qlogs"));
        t.add(row("run", TLS_URL, "--http", "3", "--qlog", ""));
        t.add(row("run", TLS_URL, "--http", "2", "--qlog", qlogs));
        t.add(row("run", URL, "--http", "1.1", "--qlog", qlogs));
        t.add(row("run", TLS_URL, "--qlog", qlogs));
        // run: ramps (malformed stages, flags that contradict them)
        t.add(row("run", URL, "--ramp", ""));
        t.add(row("run", URL, "--ramp", "10s"));
        t.add(row("run", URL, "--ramp", "10s:0->"));
        t.add(row("run", URL, "--ramp", "10x:100"));
        t.add(row("run", URL, "--ramp", "10s:100,"));
        t.add(row("run", URL, "--ramp", "10s:-5"));
        t.add(row("run", URL, "--ramp", "0s:100"));
        t.add(row("run", URL, "--ramp", "10s:0,5s:0"));
        t.add(row("run", URL, "--ramp", "25h:10"));
        t.add(row("run", URL, "--ramp", "10s:99999999"));
        t.add(row("run", URL, "--ramp", "10s:100", "-q", "100"));
        t.add(row("run", URL, "--ramp", "10s:100", "-z", "5s"));
        t.add(row("run", URL, "--ramp", "10s:100", "--ramp-connections", "10s:5"));
        t.add(row("run", URL, "--ramp-connections", "10s:1->2.5"));
        t.add(row("run", URL, "--ramp-connections", "10s:1->abc"));
        t.add(row("run", URL, "--ramp-connections", "10s:5", "-c", "5"));
        t.add(row("run", URL, "--ramp-connections", "10s:5", "-q", "100"));
        t.add(row("run", URL, "--ramp-connections", "10s:5,10s:5", "-z", "10s"));
        t.add(row("run", URL, "--ramp-connections", "10s:" + tooMany));
        // compare
        t.add(row("compare", URL, "--ramp", "10s:"));
        t.add(row("compare", URL, "--ramp-connections", "5s:1->4", "-z", "4s"));
        // run: thresholds and the metrics page
        t.add(row("run", URL, "--threshold", "p99<50"));
        t.add(row("run", URL, "--threshold", "p99 50ms"));
        t.add(row("run", URL, "--threshold", "p98x<1ms"));
        t.add(row("run", URL, "--threshold", "error_rate<5"));
        t.add(row("run", URL, "--threshold", "errors<1.5"));
        t.add(row("run", URL, "--threshold", "client_bound<1"));
        t.add(row("run", URL, "--threshold", ""));
        t.add(row("run", URL, "--threshold", "rps>1", "--threshold", "latncy.p99<1s"));
        t.add(row("run", URL, "--threshold-abort"));
        t.add(row("run", URL, "--metrics-listen", "0.0.0.0:9464"));
        t.add(row("run", URL, "--metrics-listen", "127.0.0.1:99999"));
        t.add(row("run", URL, "--metrics-listen", "abc"));
        t.add(row("run", URL, "--metrics-listen", "192.0.2.1:9464"));
        t.add(row("run", URL, "--metrics-listen", "::1:9464"));
        // compare
        t.add(row("compare", URL, "--threshold", "p99<50"));
        t.add(row("compare", URL, "--threshold", "errors<1", "--threshold-abort"));
        t.add(row("compare", URL, "--metrics-listen", "127.0.0.1:0"));
        t.add(row("compare", URL, "--http", "2"));
        t.add(row("compare", URL, "--engine", "netty"));
        t.add(row("compare", URL, "--rounds", "0"));
        t.add(row("compare", URL, "--warmup", "-2s"));
        t.add(row("compare", URL, "--protocols", "4"));
        t.add(row("compare", URL, "--protocols", "3"));
        t.add(row("compare", URL, "--protocols", ","));
        t.add(row("compare", URL, "--engines", "nope"));
        t.add(row("compare", URL, "--engines", ","));
        t.add(row("compare", URL, "--html", dir.resolve("no/such/dir/x.html").toString()));
        t.add(row("compare", URL, "--html", dir.toString()));
        t.add(row("compare", URL, "-H", "Connection: close"));
        t.add(row("compare", URL, "-c", tooMany, "-p", "1"));
        t.add(row("compare", URL, "-c", "100000", "-p", "100000"));
        t.add(row("compare", URL, "-m", "A B"));
        t.add(row("compare", URL, "-n", "0"));
        t.add(row("compare", TLS_URL, "-H", "TE: gzip", "--protocols", "1.1,3"));
        t.add(row("compare", "http://127.0.0.1:65536/"));
        t.add(row("compare", URL, "-D", "/dev/zero"));
        t.add(row("compare", URL, "--qlog", dir.resolve("qlogs").toString()));
        t.add(row("compare", TLS_URL, "--protocols", "1.1,2", "--qlog", dir.resolve("qlogs").toString()));
        t.add(row("compare", TLS_URL, "--qlog", ok.toString()));
        t.add(row("compare"));
        t.add(row("compare", TLS_URL, "--protocols", "1.1,3", "--urls",
                Files.writeString(dir.resolve("te.txt"), "GET / -H 'TE: gzip'\n").toString()));
        // leak-check
        t.add(row("leak-check", URL));
        t.add(row("leak-check", URL, "-z", "5s", "--warmup", "-10s"));
        t.add(row("leak-check", URL, "-z", "5s", "--warmup", "1x"));
        t.add(row("leak-check", URL, "-z", "5s", "--sample-interval", "1ms"));
        t.add(row("leak-check", URL, "-z", "5s", "--max-retained", "-1"));
        t.add(row("leak-check", URL, "-z", "5s", "--max-slope", "bytes"));
        t.add(row("leak-check", URL, "-z", "5s", "--max-slope", "foo=1"));
        t.add(row("leak-check", URL, "-z", "5s", "--max-slope", "bytes=abc"));
        t.add(row("leak-check", URL, "-z", "5s", "--max-slope", "count=-1"));
        t.add(row("leak-check", URL, "-z", "5s", "--metric", "foo"));
        t.add(row("leak-check", URL, "-z", "5s", "--watch-prometheus", "not a url"));
        t.add(row("leak-check", URL, "-z", "5s", "--watch-pid", "-5"));
        t.add(row("leak-check", URL, "-z", "5s", "--watch-pid", "abc"));
        t.add(row("leak-check", URL, "-z", "5s", "--watch-pid", "999999999"));
        t.add(row("leak-check", URL, "-z", "5s", "--watch-expvar", "ftp://x/"));
        t.add(row("leak-check", URL, "-z", "5s", "-c", "0"));
        t.add(row("leak-check", URL, "-z", "5s", "-H", "Bad Name: 1"));
        t.add(row("leak-check", URL, "-z", "5s", "--http", "3"));
        t.add(row("leak-check", URL, "-z", "5s", "-c", tooMany));
        t.add(row("leak-check", URL, "-z", "5s", "-D", "/dev/zero"));
        t.add(row("leak-check", URL, "-z", "5s", "--urls", dir.resolve("missing.txt").toString()));
        t.add(row("leak-check", URL, "-z", "5s", "--http", "2", "--qlog", dir.resolve("qlogs").toString()));
        t.add(row("leak-check", URL, "-z", "5s", "--html", dir.resolve("no/such/dir/x.html").toString()));
        t.add(row("leak-check", URL, "--ramp", "5s:10->"));
        t.add(row("leak-check", URL, "--ramp", "5s:10", "-z", "6s"));
        t.add(row("leak-check", URL, "-z", "5s", "--threshold", "rps>abc"));
        t.add(row("leak-check", URL, "-z", "5s", "--metrics-listen", "0.0.0.0:1"));
        // interop
        t.add(row("interop", URL));
        t.add(row("interop", TLS_URL, "--cases", "nope"));
        t.add(row("interop", TLS_URL, "--cases", ","));
        t.add(row("interop", TLS_URL, "--engines", "nope"));
        t.add(row("interop", TLS_URL, "--engines", ","));
        t.add(row("interop", TLS_URL, "--case-timeout", "0"));
        t.add(row("interop", TLS_URL, "--case-timeout", "abc"));
        t.add(row("interop"));
        t.add(row("interop", "bad url"));
        t.add(row("interop", "https://127.0.0.1:65536/"));
        t.add(row("interop", TLS_URL, "--no-such-flag"));
        t.add(row("interop", TLS_URL, "--qlog", dir.resolve("qlogs").toString(), "--qlog-max", "0"));
        t.add(row("interop", TLS_URL, "--qlog", ok.toString()));
        t.add(row("interop", TLS_URL, "--html", dir.toString()));
        t.add(row("interop", TLS_URL, "--case-setting", "handshakeloss.handshakes=0"));
        t.add(row("interop", TLS_URL, "--case-setting", "handshakeloss.count=5"));
        t.add(row("interop", TLS_URL, "--case-setting", "nope.bytes=5"));
        t.add(row("interop", TLS_URL, "--case-setting", "blackhole.bytes=10MB"));
        // demo
        t.add(row("demo", "-c", "0"));
        t.add(row("demo", "-p", "0"));
        t.add(row("demo", "-z", "0"));
        t.add(row("demo", "-z", "abc"));
        t.add(row("demo", "--html", dir.resolve("no/such/dir/x.html").toString()));
        t.add(row("demo", "-c", "100000000"));
        t.add(row("demo", "-c", "2000", "-p", "1000"));
        t.add(row("demo", "--unknown"));
        t.add(row("demo", "extra"));
        // run as a shard
        t.add(row("run", URL, "--shard", "4/4"));
        t.add(row("run", URL, "--shard", "-1/4"));
        t.add(row("run", URL, "--shard", "1/0"));
        t.add(row("run", URL, "--shard", "two"));
        t.add(row("run", URL, "--shard", "0/4", "-c", "3"));
        t.add(row("run", URL, "--shard", "0/4", "-n", "3"));
        t.add(row("run", URL, "--start-at", "soon"));
        t.add(row("run", URL, "--start-at", "+ten"));
        t.add(row("run", URL, "--start-at", "1796247600")); // epoch seconds, not milliseconds
        t.add(row("run", URL, "--start-at", "2099-01-01T00:00:00Z"));
        t.add(row("run", URL, "--hlog", dir.resolve("no/such/dir/x.hlog").toString()));
        t.add(row("run", URL, "--hlog", dir.toString()));
        // merge
        Path truncated = Files.writeString(dir.resolve("truncated.json"), "{\n  \"target\" : \"http://127.0.0.1:1/\",\n  \"protocol");
        Path notAReport = Files.writeString(dir.resolve("other.json"), "{\"hello\": 1}");
        t.add(row("merge"));
        t.add(row("merge", dir.resolve("missing.json").toString()));
        t.add(row("merge", truncated.toString()));
        t.add(row("merge", notAReport.toString()));
        t.add(row("merge", ok.toString()));
        t.add(row("merge", dir.toString()));
        t.add(row("merge", truncated.toString(), "--html", dir.resolve("no/such/dir/x.html").toString()));
        t.add(row("merge", truncated.toString(), "--unknown"));
        t.add(row("merge", truncated.toString(), "--threshold", "p99<5"));
        t.add(row("merge", truncated.toString(), "--threshold", "p99<5ms", "--threshold-abort"));
        t.add(row("k8s", "collect", "quiver-run-1", "--threshold-abort", "--threshold", "p99<5ms"));
        // k8s
        t.add(row("k8s"));
        t.add(row("k8s", "apply"));
        t.add(row("k8s", "job", URL, "--shards", "2"));
        t.add(row("k8s", "job", URL, "--image", "quiver:dev"));
        t.add(row("k8s", "job", URL, "--shards", "0", "--image", "quiver:dev"));
        t.add(row("k8s", "job", URL, "--shards", "8", "-c", "4", "--image", "quiver:dev"));
        t.add(row("k8s", "job", URL, "--shards", "2", "--image", "quiver:dev", "--name", "Not_A_Name"));
        t.add(row("k8s", "job", URL, "--shards", "2", "--image", "quiver:dev", "--namespace", "Bad NS"));
        t.add(row("k8s", "job", URL, "--shards", "2", "--image", "quiver:dev", "--cpu", "two"));
        t.add(row("k8s", "job", URL, "--shards", "2", "--image", "quiver:dev", "--memory", "-1Gi"));
        t.add(row("k8s", "job", URL, "--shards", "2", "--image", "quiver:dev", "--start-at", "later"));
        t.add(row("k8s", "job", TLS_URL, "--shards", "2", "--image", "quiver:dev", "--http", "3", "--qlog", dir.resolve("q").toString()));
        t.add(row("k8s", "job", URL, "--shards", "2", "--image", "bad image"));
        t.add(row("k8s", "job", URL, "--shards", "2", "--image", "quiver:dev", "-n", "0"));
        t.add(row("k8s", "collect"));
        t.add(row("k8s", "collect", "quiver-run-1", "--html", dir.resolve("no/such/dir/x.html").toString()));
        return t;
    }

    /** A -c above this process's descriptor limit (the child JVM raises its soft limit to the same hard one). */
    private static long moreConnectionsThanFit() {
        long limit = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean u
                ? u.getMaxFileDescriptorCount() : -1;
        return limit > 0 && limit < 900_000 ? limit + 100 : 2_000_000;
    }

    /**
     * Every line of the table, in one JVM started as quiver's ({@link CommandLines}: the jar's own
     * {@code Main.execute} per line, with its own stdout and stderr); the first line of each command
     * also as a process of its own, which must end alike (exit code and stderr): so what only a fresh
     * JVM shows (a warning of the JVM or of a library at start) is still seen, for every command.
     */
    @Test
    void everyBadLineIsExitCode2AndOneLine() throws Exception {
        List<Row> rows = table();
        List<CommandLines.Answer> answers = CommandLines.run(rows.stream().map(Row::args).toList(), 120);
        List<String> failures = new ArrayList<>();
        long slowest = 0;
        long total = 0;
        List<String> commandsRunAlone = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            var out = answers.get(i).outcome();
            long millis = answers.get(i).millis();
            String why = misbehaviour(out, millis);
            if (why == null && !commandsRunAlone.contains(r.args().get(0))) {
                commandsRunAlone.add(r.args().get(0));
                long t0 = System.nanoTime();
                var alone = QuiverProcess.run(30, r.args().toArray(String[]::new));
                millis = (System.nanoTime() - t0) / 1_000_000;
                why = misbehaviour(alone, millis);
                if (why == null && (alone.exitCode() != out.exitCode() || !alone.stderr().equals(out.stderr()))) {
                    why = "as a process of its own: exit " + alone.exitCode() + ", stderr " + alone.stderr().strip()
                            + "; in one JVM with the others: exit " + out.exitCode();
                }
            }
            slowest = Math.max(slowest, millis);
            total += millis;
            if (why != null) {
                failures.add(r + " -> " + why + ": " + out.stderr().strip());
            }
        }
        System.out.printf("bad command lines: %d, exit 2 with one line on stderr: %d, slowest %d ms, mean %d ms;"
                        + " also run as processes of their own: the first of %s%n",
                rows.size(), rows.size() - failures.size(), slowest, total / rows.size(), commandsRunAlone);
        assertTrue(rows.size() >= 60, "the table holds " + rows.size() + " lines");
        assertEquals(List.of("run", "compare", "leak-check", "interop", "demo", "merge", "k8s"), commandsRunAlone, "one line of each command alone");
        assertTrue(failures.isEmpty(), failures.size() + " of " + rows.size() + " bad lines misbehaved:\n"
                + String.join("\n", failures));
    }

    /** What is wrong with how a bad line ended, or null. */
    private static String misbehaviour(QuiverProcess.Outcome out, long millis) {
        String err = out.stderr();
        List<String> lines = err.lines().toList();
        return out.exitCode() != 2 ? "exit " + out.exitCode()
                : lines.size() != 1 ? lines.size() + " lines on stderr"
                : !err.startsWith("quiver: ") ? "no 'quiver: ' prefix"
                : err.contains("Exception") ? "an exception's name"
                : err.lines().anyMatch(l -> l.startsWith("\tat ") || l.startsWith("    at ")) ? "a stack frame"
                : !out.stdout().isEmpty() ? "output on stdout"
                : millis > MAX_MILLIS ? "took " + millis + " ms"
                : null;
    }
}
