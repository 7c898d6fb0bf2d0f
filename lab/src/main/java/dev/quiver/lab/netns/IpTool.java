package dev.quiver.lab.netns;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** iproute2's {@code ip}, run as a process: the one tool that creates namespaces and configures links. */
public final class IpTool {

    private static final List<String> PLACES = List.of("/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip");
    private static final long TIMEOUT_SECONDS = 15;

    private final Path binary;

    private IpTool(Path binary) {
        this.binary = binary;
    }

    /** The {@code ip} on the PATH or in the usual places; null when there is none. */
    public static IpTool find() {
        List<Path> candidates = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(":")) {
                if (!dir.isEmpty()) {
                    candidates.add(Path.of(dir, "ip"));
                }
            }
        }
        PLACES.forEach(p -> candidates.add(Path.of(p)));
        for (Path p : candidates) {
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return new IpTool(p);
            }
        }
        return null;
    }

    public Path binary() {
        return binary;
    }

    /**
     * Runs {@code ip ARGS} and returns its standard output.
     *
     * @throws IOException naming the command and the first line of what it said when it fails
     */
    public String run(String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(binary.toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        try {
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
            String out = drain(p.getInputStream());
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IOException("ip " + String.join(" ", args) + ": no answer within " + TIMEOUT_SECONDS + " s");
            }
            if (p.exitValue() != 0) {
                String said = err.join().strip();
                int nl = said.indexOf('\n');
                throw new IOException("ip " + String.join(" ", args) + ": "
                        + (said.isEmpty() ? "exit " + p.exitValue() : nl < 0 ? said : said.substring(0, nl)));
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running ip " + String.join(" ", args), e);
        } finally {
            p.destroyForcibly();
        }
    }

    private static String drain(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
