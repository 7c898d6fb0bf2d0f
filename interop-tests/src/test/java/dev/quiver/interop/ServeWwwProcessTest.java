package dev.quiver.interop;

import static dev.quiver.interop.ExpectedMatrix.pass;
import static dev.quiver.interop.InteropMatrixTest.check;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code quiver serve --www DIR} as the interop runner's servers serve {@code /www}: {@code quiver
 * interop --www DIR} writes each case's random files into DIR and checks every download byte-exact,
 * with both engines; the server closes every file it opened.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ServeWwwProcessTest {

    @Test
    void interopDownloadsTheFilesItWritesByteExact(@TempDir Path www) throws Exception {
        try (ServeProcess server = new ServeProcess("--www", www.toString())) {
            long fdsBefore = server.gauge("process_open_fds");
            check("https://127.0.0.1:" + server.tlsPort + "/", ExpectedMatrix.of(
                    "transfer", pass(), pass(),
                    "multiplexing", pass(), pass()), 0, "30s", "--www", www.toString());
            try (Stream<Path> left = Files.list(www)) {
                assertEquals(List.of(), left.toList(), "interop removes the files it wrote");
            }
            // Every case's files were opened by the server (a few dozen); none may stay open. A
            // little slack for what a JVM opens lazily (a native library, a jar entry).
            long fdsAfter = server.gauge("process_open_fds");
            assertTrue(fdsAfter <= fdsBefore + 2, "server descriptors: " + fdsBefore + " before, " + fdsAfter + " after");
        }
    }
}
