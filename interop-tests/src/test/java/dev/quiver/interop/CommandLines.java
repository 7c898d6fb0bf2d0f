package dev.quiver.interop;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Many quiver command lines in one JVM started from the built jar, each as {@code quiver} runs it
 * ({@code Main.execute}, whose code {@code main} hands to {@code System.exit}), with its own
 * stdout and stderr: a table of bad lines costs one JVM start instead of one per line.
 *
 * <p>Protocol: one command line per stdin line, its arguments base64-encoded and space-separated;
 * for each, one stdout line {@code exit millis base64(stdout) base64(stderr)}.
 */
public final class CommandLines {

    private CommandLines() {
    }

    public static void main(String[] ignored) throws Exception {
        // Looked up by name: this class runs against the jar's Main, not against a compile-time copy.
        Method execute = Class.forName("dev.quiver.cli.Main").getMethod("execute", String[].class);
        PrintStream realOut = System.out;
        PrintStream realErr = System.err;
        Base64.Encoder b64 = Base64.getEncoder();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            List<String> args = new ArrayList<>();
            for (String a : line.split(" ")) {
                args.add(a.equals("-") ? "" : new String(Base64.getDecoder().decode(a), StandardCharsets.UTF_8));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int exit;
            long t0 = System.nanoTime();
            try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                 PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
                System.setOut(o);
                System.setErr(e);
                exit = (int) execute.invoke(null, (Object) args.toArray(String[]::new));
            } finally {
                System.setOut(realOut);
                System.setErr(realErr);
            }
            long millis = (System.nanoTime() - t0) / 1_000_000;
            realOut.println(exit + " " + millis + " " + b64.encodeToString(out.toByteArray()) + "- "
                    + b64.encodeToString(err.toByteArray()) + "-");
            realOut.flush();
        }
    }

    /** How one command line ended, and how long it took. */
    record Answer(QuiverProcess.Outcome outcome, long millis) {
    }

    /**
     * Runs every command line in one JVM of this class (killed after {@code timeoutSeconds}); one
     * answer per line, in order.
     */
    static List<Answer> run(List<List<String>> lines, long timeoutSeconds) throws Exception {
        Process p = QuiverProcess.withTestMain(CommandLines.class).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            Thread feeder = Thread.ofPlatform().daemon().start(() -> {
                try (PrintStream in = new PrintStream(p.getOutputStream(), true, StandardCharsets.UTF_8)) {
                    lines.forEach(l -> in.println(encode(l)));
                }
            });
            var answers = new java.util.concurrent.CompletableFuture<List<String>>();
            Thread.ofPlatform().daemon().start(() -> answers.complete(
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).lines().toList()));
            List<String> raw = answers.get(timeoutSeconds, java.util.concurrent.TimeUnit.SECONDS);
            feeder.join(5_000);
            if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0 || raw.size() != lines.size()) {
                throw new AssertionError("the JVM of all lines ended badly (alive " + p.isAlive() + "), "
                        + raw.size() + " answers for " + lines.size() + " lines: " + raw);
            }
            List<Answer> out = new ArrayList<>();
            for (String a : raw) {
                String[] f = a.split(" ");
                out.add(new Answer(new QuiverProcess.Outcome(Integer.parseInt(f[0]), text(f[2]), text(f[3])), Long.parseLong(f[1])));
            }
            return out;
        } finally {
            p.destroyForcibly();
        }
    }

    /** Runs one command line in a JVM of this class. */
    static QuiverProcess.Outcome run(String... args) throws Exception {
        return run(List.of(List.of(args)), 60).get(0).outcome();
    }

    /** A command line as one stdin line of the protocol. */
    private static String encode(List<String> args) {
        StringBuilder s = new StringBuilder();
        for (String a : args) {
            s.append(s.isEmpty() ? "" : " ").append(a.isEmpty() ? "-" : Base64.getEncoder().encodeToString(a.getBytes(StandardCharsets.UTF_8)));
        }
        return s.toString();
    }

    private static String text(String field) {
        return new String(Base64.getDecoder().decode(field.substring(0, field.length() - 1)), StandardCharsets.UTF_8);
    }
}
