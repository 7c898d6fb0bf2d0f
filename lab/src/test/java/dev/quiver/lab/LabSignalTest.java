package dev.quiver.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.lab.link.LinkSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A lab process that is signalled tears down; one that is killed is cleaned up by the next lab. */
@Timeout(60)
class LabSignalTest {

    private record Holder(Process process, String client, String server, long sleeper, Path dir) {
    }

    @BeforeEach
    void root() {
        RootOnly.assume();
    }

    private static Holder startHolder() throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), LabHolder.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("ready ")) {
            p.destroyForcibly();
            throw new AssertionError("the lab holder did not get ready: " + line);
        }
        String[] f = line.split(" ");
        return new Holder(p, f[1], f[2], Long.parseLong(f[3]), Path.of(f[4]));
    }

    private static void signal(long pid, String signal) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-s", signal, Long.toString(pid)).start().waitFor());
    }

    private static void assertGone(Holder h) throws IOException {
        List<String> ns = LabSystem.namespaces();
        assertFalse(ns.contains(h.client()) || ns.contains(h.server()), "namespaces gone: " + ns);
        assertFalse(ProcessHandle.of(h.sleeper()).map(ProcessHandle::isAlive).orElse(false), "the lab's process is gone");
        assertFalse(Files.exists(h.dir()), "the directory is gone");
    }

    @Test
    void sigtermTearsTheLabDown() throws Exception {
        Holder h = startHolder();
        try {
            assertTrue(LabSystem.namespaces().contains(h.server()));
            signal(h.process().pid(), "TERM");
            assertTrue(h.process().waitFor(20, TimeUnit.SECONDS), "the holder ends");
            assertGone(h);
        } finally {
            h.process().destroyForcibly();
        }
    }

    @Test
    void ctrlCTearsTheLabDown() throws Exception {
        Holder h = startHolder();
        try {
            signal(h.process().pid(), "INT");
            assertTrue(h.process().waitFor(20, TimeUnit.SECONDS), "the holder ends");
            assertGone(h);
        } finally {
            h.process().destroyForcibly();
        }
    }

    @Test
    void theNextLabCleansUpAfterALabThatWasKilled() throws Exception {
        Holder h = startHolder();
        h.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        assertTrue(LabSystem.namespaces().contains(h.server()), "SIGKILL leaves the namespaces behind");
        assertTrue(ProcessHandle.of(h.sleeper()).map(ProcessHandle::isAlive).orElse(false), "and the process in them");
        try (Lab lab = Lab.start(LinkSpec.perfect(1))) {
            assertTrue(lab.cleanedLeftovers().containsAll(List.of("namespace " + h.client(), "namespace " + h.server(), "directory " + h.dir())),
                    lab.cleanedLeftovers().toString());
            assertGone(h);
        }
    }
}
