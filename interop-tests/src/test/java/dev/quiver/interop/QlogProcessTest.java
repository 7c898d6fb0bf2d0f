package dev.quiver.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quiver.quic.testing.QlogFileCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code --qlog DIR --qlog-max N} as a user runs it: one qlog file per QUIC connection, on both engines, at most N. */
class QlogProcessTest {

    @RegisterExtension
    static final SharedServe SERVE = new SharedServe();

    @TempDir
    Path tmp;

    private String url() {
        return "https://127.0.0.1:" + SERVE.get().tlsPort + "/";
    }

    private static List<Path> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    /** Every file parses as qlog 0.3 JSON-SEQ with packets both ways. */
    private static void assertQlogs(List<Path> files) throws Exception {
        for (Path f : files) {
            assertTrue(f.getFileName().toString().endsWith(".sqlog"), f.toString());
            QlogFileCheck q = QlogFileCheck.read(f);
            assertTrue(q.count("transport:packet_sent") > 0 && q.count("transport:packet_received") > 0, f.toString());
        }
    }

    @Test
    void runOnNettyWritesAtMostQlogMaxFilesAndSaysWhere() throws Exception {
        Path dir = tmp.resolve("new/qlogs"); // made by quiver, parents too
        var out = QuiverProcess.run(60, "run", url(), "-k", "--http", "3", "-c", "4", "-n", "200",
                "--qlog", dir.toString(), "--qlog-max", "2");
        assertEquals(0, out.exitCode(), out.stderr());
        List<Path> files = files(dir);
        assertEquals(2, files.size(), files.toString());
        assertTrue(files.stream().allMatch(f -> f.getFileName().toString().contains("-netty-")), files.toString());
        assertQlogs(files);
        assertTrue(out.stdout().contains("\nqlog: 2 files in " + dir.toAbsolutePath()
                + " (2 more QUIC connections not logged: --qlog-max 2)\n"), out.stdout());
    }

    @Test
    void runOnKwikReportsTheFilesInJson() throws Exception {
        Path dir = tmp.resolve("kwik");
        var out = QuiverProcess.run(60, "run", url(), "-k", "--http", "3", "--engine", "kwik", "-c", "2", "-n", "100",
                "--qlog", dir.toString(), "--json");
        assertEquals(0, out.exitCode(), out.stderr());
        JsonNode q = new ObjectMapper().readTree(out.stdout()).path("qlog");
        List<Path> files = files(dir);
        assertTrue(files.size() >= 2, "one file per QUIC connection (a stalled handshake's fresh attempt has its own): " + files);
        assertEquals(dir.toAbsolutePath().toString(), q.path("dir").asText(), q.toString());
        assertEquals(files.size(), q.path("files").asInt(), q.toString());
        assertEquals(16, q.path("max").asInt(), "the default --qlog-max");
        assertEquals(0, q.path("not_logged").asLong(), q.toString());
        assertQlogs(files);
    }

    @Test
    void compareLogsItsHttp3VariantsOnly() throws Exception {
        Path dir = tmp.resolve("compare");
        var out = QuiverProcess.run(90, "compare", url(), "-k", "--protocols", "2,3", "--engines", "netty,kwik",
                "-c", "1", "-n", "50", "--qlog", dir.toString(), "--json", "--no-progress");
        assertEquals(0, out.exitCode(), out.stderr());
        List<Path> files = files(dir);
        assertTrue(files.stream().anyMatch(f -> f.getFileName().toString().contains("-netty-")), files.toString());
        assertTrue(files.stream().anyMatch(f -> f.getFileName().toString().contains("-kwik-")), files.toString());
        assertEquals(files.size(), new ObjectMapper().readTree(out.stdout()).at("/qlog/files").asInt(), out.stdout());
        assertQlogs(files);
    }

    @Test
    void interopLogsEachCasesConnectionsOnBothEngines() throws Exception {
        Path dir = tmp.resolve("interop");
        var out = QuiverProcess.run(90, "interop", url(), "-k", "--cases", "handshake", "--qlog", dir.toString());
        assertEquals(0, out.exitCode(), out.stdout() + out.stderr());
        List<Path> files = files(dir);
        assertTrue(files.stream().anyMatch(f -> f.getFileName().toString().contains("-netty-handshake-")), files.toString());
        assertTrue(files.stream().anyMatch(f -> f.getFileName().toString().contains("-kwik-handshake-")), files.toString());
        assertTrue(out.stdout().contains("\nqlog: " + files.size() + " files in " + dir.toAbsolutePath() + "\n"), out.stdout());
        assertQlogs(files);
    }
}
