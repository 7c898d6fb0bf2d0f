package dev.quiver.interop;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The built quiver jar, run as a user runs it: a separate JVM process. */
public final class QuiverProcess {

    /** What a finished process left behind. */
    record Outcome(int exitCode, String stdout, String stderr) {
    }

    private QuiverProcess() {
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("quiver.jar", "../cli/target/quiver.jar")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("build the jar first: " + jar);
        }
        return jar;
    }

    public static ProcessBuilder builder(String... args) {
        return builder(List.of("-Xmx512m"), args);
    }

    /** As {@link #builder(String...)} with these JVM flags instead of the default heap limit. */
    public static ProcessBuilder builder(List<String> jvmFlags, String... args) {
        List<String> cmd = java(jvmFlags);
        cmd.add("-jar");
        cmd.add(jar().toString());
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd);
    }

    /**
     * A JVM as quiver's (same flags, the jar first on the class path) running {@code mainClass} of
     * these tests instead of quiver's own main: {@link CommandLines}.
     */
    static ProcessBuilder withTestMain(Class<?> mainClass) throws java.net.URISyntaxException {
        List<String> cmd = java(List.of("-Xmx512m"));
        cmd.add("-cp");
        cmd.add(jar() + java.io.File.pathSeparator
                + Path.of(mainClass.getProtectionDomain().getCodeSource().getLocation().toURI()));
        cmd.add(mainClass.getName());
        return new ProcessBuilder(cmd);
    }

    private static List<String> java(List<String> jvmFlags) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmFlags);
        cmd.add("--enable-native-access=ALL-UNNAMED");
        if (Runtime.version().feature() >= 23) {
            cmd.add("--sun-misc-unsafe-memory-access=allow");
        }
        return cmd;
    }

    /** Runs quiver to its end (killed after {@code timeoutSeconds}) and collects its output. */
    static Outcome run(long timeoutSeconds, String... args) throws IOException, InterruptedException {
        Process p = builder(args).start();
        try {
            return collect(p, timeoutSeconds);
        } finally {
            p.destroyForcibly();
        }
    }

    static Outcome collect(Process p, long timeoutSeconds) throws InterruptedException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread o = pump(p.getInputStream(), out);
        Thread e = pump(p.getErrorStream(), err);
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("quiver did not end within " + timeoutSeconds + " s; stderr: " + err);
        }
        o.join(5_000);
        e.join(5_000);
        return new Outcome(p.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Starts quiver with both pipes read from the start, so that a test can watch its output while it runs. */
    static Running start(String... args) throws IOException {
        return new Running(builder(args).start());
    }

    /** A quiver process under way: its output so far, a signal to its pid, its end. */
    static final class Running {
        final Process process;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteArrayOutputStream err = new ByteArrayOutputStream();
        private final Thread outPump;
        private final Thread errPump;

        private Running(Process process) {
            this.process = process;
            this.outPump = pump(process.getInputStream(), out);
            this.errPump = pump(process.getErrorStream(), err);
        }

        String stderrSoFar() {
            return err.toString(StandardCharsets.UTF_8);
        }

        /** Waits until stderr holds {@code text}; false when the process ended or time ran out first. */
        boolean awaitStderr(String text, long timeoutMillis) throws InterruptedException {
            return Await.poll(java.time.Duration.ofMillis(timeoutMillis), process, () -> stderrSoFar().contains(text));
        }

        /** Sends {@code kill -SIGNAL} to this process only (by its pid). */
        void signal(String name) throws IOException, InterruptedException {
            new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start().waitFor(5, TimeUnit.SECONDS);
        }

        /** Waits for the end (killed after {@code timeoutSeconds}) and returns what it left behind. */
        Outcome finish(long timeoutSeconds) throws InterruptedException {
            try {
                if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    throw new AssertionError("quiver did not end within " + timeoutSeconds + " s; stderr: " + stderrSoFar());
                }
                outPump.join(5_000);
                errPump.join(5_000);
                return new Outcome(process.exitValue(), out.toString(StandardCharsets.UTF_8), stderrSoFar());
            } finally {
                process.destroyForcibly();
            }
        }
    }

    private static Thread pump(InputStream in, ByteArrayOutputStream sink) {
        Thread t = new Thread(() -> {
            try {
                in.transferTo(sink); // ByteArrayOutputStream is synchronized: readable while this writes
            } catch (IOException ignored) {
                // the process ended
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }
}
