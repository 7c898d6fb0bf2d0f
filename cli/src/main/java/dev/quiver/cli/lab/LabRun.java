package dev.quiver.cli.lab;

import dev.quiver.cli.ExitCode;
import dev.quiver.cli.report.JsonReport;
import dev.quiver.cli.report.LinkReport;
import dev.quiver.lab.Lab;
import dev.quiver.lab.LabUnavailableException;
import dev.quiver.lab.Side;
import dev.quiver.lab.link.LinkSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * One {@code quiver lab} run: the lab set up, the server started in it and waited for, the client
 * run to its end with its output passed through, and the lab torn down whatever happened (also on
 * Ctrl-C and SIGTERM, through the lab's shutdown hook, which first gives the client time to print
 * its report).
 */
public final class LabRun {

    /** How long the client gets after SIGINT at tear-down: enough for quiver to print its report. */
    private static final long CLIENT_GRACE_MILLIS = 10_000;
    private static final int SETUP_FAILED = 1;
    private static final int SERVER_NOT_UP = 3;

    private final LinkSpec spec;
    /** The TCP congestion control asked for, or null for the machine's. */
    private final String tcpCc;
    private final boolean warmup;
    private final String serverCmd;
    /** More arguments for quiver's own server ({@code --serve-args}). */
    private final List<String> serveArgs;
    private final int serverPort;
    private final Duration serverTimeout;
    private final PrintStream err;

    /**
     * @param warmup whether to warm the server up (over a perfect link) before the command starts;
     *               null: yes for quiver's own server, no for {@code serverCmd}
     */
    public LabRun(LinkSpec spec, String tcpCc, Boolean warmup, String serverCmd, List<String> serveArgs, int serverPort,
                  Duration serverTimeout, PrintStream err) {
        this.spec = spec;
        this.tcpCc = tcpCc;
        this.warmup = warmup != null ? warmup : serverCmd == null;
        this.serverCmd = serverCmd;
        this.serveArgs = List.copyOf(serveArgs);
        this.serverPort = serverPort;
        this.serverTimeout = serverTimeout;
        this.err = err;
    }

    /**
     * Runs this quiver with {@code args} on the client side; returns its exit code. An
     * {@code interop --www DIR} has quiver's own server serve DIR ({@link LabServer#wwwOf}).
     */
    public int quiver(List<String> args) {
        return run(SelfCommand.of(Placeholders.substitute(args)), serverCmd == null ? LabServer.wwwOf(args) : null, null);
    }

    /** Runs {@code command} ({@code sh -c}) on the client side, then prints the link's counters; returns its exit code. */
    public int client(String command, boolean json, PrintStream out) {
        return run(List.of("sh", "-c", Placeholders.substitute(command)), null, lab -> {
            if (json) {
                out.println(JsonReport.toJson(lab.report()));
            } else {
                LinkReport.print(lab.report(), out);
            }
            out.flush();
        });
    }

    /**
     * A fresh server's first connections pay for its JIT compiler and lazy set-up (on a busy
     * 2-core machine the first QUIC handshake of quiver's server took 3-4 s), which the command
     * would measure as network time. So, over a perfect link, a short compare (HTTP/1.1, HTTP/2,
     * HTTP/3) from the client side runs first; its output goes to warmup.log in the lab's directory.
     */
    private void warmUp(Lab lab) throws IOException, InterruptedException {
        int port = serverCmd == null ? LabServer.TLS_PORT : serverPort;
        lab.restartLink(new LinkSpec(dev.quiver.lab.impair.DirectionSpec.PERFECT, dev.quiver.lab.impair.DirectionSpec.PERFECT,
                null, 0, 0, spec.seed(), spec.mtu(), null));
        long start = System.nanoTime();
        Process p = lab.start(Side.CLIENT, SelfCommand.of(List.of("compare", "https://" + Lab.SERVER_ADDRESS + ":" + port + "/", "-k",
                        "--protocols", "1.1,2,3", "--engines", "netty", "-c", "2", "-n", "30", "--no-progress")), CLIENT_GRACE_MILLIS,
                pb -> pb.redirectErrorStream(true).redirectOutput(lab.names().directory().resolve("warmup.log").toFile()));
        int code = p.waitFor();
        err.printf(java.util.Locale.ROOT, "quiver lab: server warmed up in %.1f s%s%n", (System.nanoTime() - start) / 1e9,
                code == 0 ? "" : " (the warm-up exited with " + code + "; the command runs all the same)");
    }

    private interface After {
        void accept(Lab lab);
    }

    /** @param www the directory quiver's own server serves besides its routes, or null */
    private int run(List<String> clientCommand, java.nio.file.Path www, After after) {
        Lab lab;
        try {
            lab = Lab.start(spec, tcpCc);
        } catch (LabUnavailableException e) {
            err.println("quiver: lab: " + e.getMessage());
            return ExitCode.USAGE;
        } catch (IOException e) {
            err.println("quiver: lab: set-up failed: " + e.getMessage());
            return SETUP_FAILED;
        }
        try {
            err.println("quiver lab: client " + Lab.CLIENT_ADDRESS + " (" + lab.namespace(Side.CLIENT) + "), server "
                    + Lab.SERVER_ADDRESS + " (" + lab.namespace(Side.SERVER) + "); link: " + spec.summary());
            lab.cleanedLeftovers().forEach(x -> err.println("quiver lab: removed what a killed lab left behind: " + x));
            try {
                LabServer.start(lab, serverCmd, serveArgs, serverPort, www, serverTimeout);
            } catch (LabServer.NotUp e) {
                if (lab.closing()) {
                    return ExitCode.INTERRUPTED; // Ctrl-C or SIGTERM while the server started: nothing to say
                }
                err.println("quiver: lab: " + e.getMessage());
                return SERVER_NOT_UP;
            }
            if (warmup) {
                warmUp(lab);
            }
            // The measured command gets a fresh link: counters from zero, schedules starting with it.
            lab.restartLink(spec);
            Process client = lab.startInterruptible(Side.CLIENT, clientCommand, CLIENT_GRACE_MILLIS, ProcessBuilder::inheritIO);
            int code = client.waitFor();
            if (lab.link().failure() != null) {
                err.println("quiver: lab: the link stopped during the run: " + lab.link().failure());
            }
            if (after != null) {
                after.accept(lab);
            }
            return code;
        } catch (IOException e) {
            if (lab.closing()) {
                return ExitCode.INTERRUPTED;
            }
            err.println("quiver: lab: " + e.getMessage());
            return SETUP_FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCode.INTERRUPTED;
        } finally {
            lab.close();
            lab.closeProblems().forEach(p -> err.println("quiver: lab: tear-down: " + p));
        }
    }
}
