package dev.quiver.cli.lab;

import dev.quiver.lab.Lab;
import dev.quiver.lab.Side;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The server side of {@code quiver lab}: quiver's own reference server ({@code serve} on 443 with
 * TLS over TCP and UDP, and 80 in plain text) or the user's {@code --server-cmd}, started in the
 * server namespace and waited for until it listens. Its output goes to {@code server.log} in the
 * lab's directory; the last lines are shown when it does not come up.
 *
 * <p>An {@code interop} command with {@code --www DIR} writes each case's files into DIR and
 * expects the server to serve them: quiver's own server then serves DIR ({@code serve --www DIR}).
 * Both namespaces share the file system, so the same path works on both sides.
 */
final class LabServer {

    /** The server did not come up; the message says how, in one line, then the log's last lines. */
    static final class NotUp extends Exception {
        NotUp(String message) {
            super(message);
        }
    }

    static final int TLS_PORT = 443;
    static final int PLAIN_PORT = 80;
    private static final long GRACE_MILLIS = 5_000;
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private LabServer() {
    }

    /**
     * The directory a quiver command run in the lab writes files into for the server to serve:
     * the {@code --www DIR} of an {@code interop} command, as an absolute path; null for none.
     */
    static Path wwwOf(List<String> quiverArgs) {
        if (quiverArgs.isEmpty() || !quiverArgs.get(0).equals("interop")) {
            return null;
        }
        for (int i = 1; i < quiverArgs.size(); i++) {
            String arg = quiverArgs.get(i);
            if (arg.equals("--")) {
                return null;
            }
            if (arg.equals("--www") && i + 1 < quiverArgs.size()) {
                return Path.of(quiverArgs.get(i + 1)).toAbsolutePath();
            }
            if (arg.startsWith("--www=")) {
                return Path.of(arg.substring("--www=".length())).toAbsolutePath();
            }
        }
        return null;
    }

    /**
     * @param serverCmd the user's server command (run by {@code sh -c}), or null for quiver's own
     * @param serveArgs more arguments for quiver's own server ({@code --serve-args}: {@code --cert-chain 9})
     * @param port the port to wait for with {@code serverCmd}
     * @param www with quiver's own server: the directory it serves besides its routes, or null
     */
    static Process start(Lab lab, String serverCmd, List<String> serveArgs, int port, Path www, Duration timeout)
            throws IOException, InterruptedException, NotUp {
        List<String> cmd = new ArrayList<>();
        // Its own session: Ctrl-C at the terminal reaches the client (which then prints its report), not the server.
        if (Files.isExecutable(SETSID)) {
            cmd.add(SETSID.toString());
        }
        List<Integer> ports;
        if (serverCmd == null) {
            // "::" listens on the server's IPv4 and IPv6 addresses alike (a dual-stack socket).
            List<String> serve = new ArrayList<>(List.of("serve", "--host", "::", "--port", Integer.toString(TLS_PORT),
                    "--plain-port", Integer.toString(PLAIN_PORT)));
            if (www != null) {
                serve.addAll(List.of("--www", www.toString()));
            }
            serve.addAll(serveArgs);
            cmd.addAll(SelfCommand.of(serve));
            ports = List.of(TLS_PORT, PLAIN_PORT);
        } else {
            cmd.addAll(List.of("sh", "-c", Placeholders.substitute(serverCmd)));
            ports = List.of(port);
        }
        Path log = lab.names().directory().resolve("server.log");
        Process p = lab.start(Side.SERVER, cmd, GRACE_MILLIS, pb -> pb.redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))));
        for (int wanted : ports) {
            if (!lab.awaitListening(Side.SERVER, wanted, timeout.toMillis(), p)) {
                String how = p.isAlive() ? "did not listen on port " + wanted + " within " + timeout.toSeconds() + " s"
                        : "exited with " + p.exitValue() + " before listening on port " + wanted;
                throw new NotUp("the server " + how + tail(log));
            }
        }
        return p;
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            List<String> last = lines.subList(Math.max(0, lines.size() - 15), lines.size());
            return last.isEmpty() ? " (it printed nothing)" : "; its last output:\n  " + String.join("\n  ", last);
        } catch (IOException e) {
            return "";
        }
    }
}
