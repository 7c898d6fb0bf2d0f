package dev.quiver.cli;

import dev.quiver.cli.command.CompareCommand;
import dev.quiver.cli.command.DemoCommand;
import dev.quiver.cli.command.InteropCommand;
import dev.quiver.cli.command.K8sCommand;
import dev.quiver.cli.command.LeakCheckCommand;
import dev.quiver.cli.command.MergeCommand;
import dev.quiver.cli.command.RunCommand;
import dev.quiver.cli.command.ServeCommand;
import dev.quiver.cli.debug.Debug;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code quiver} command line. */
@Command(name = "quiver",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Load tester for HTTP/1.1, HTTP/2 and HTTP/3 that accounts for every stream.",
        subcommands = {RunCommand.class, CompareCommand.class, LeakCheckCommand.class, InteropCommand.class, ServeCommand.class,
                DemoCommand.class, dev.quiver.cli.command.LabCommand.class, MergeCommand.class, K8sCommand.class,
                CommandLine.HelpCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  run finished, every stream accounted for",
                "  1  internal error",
                "  2  bad input (flag, value, URL); one line on stderr",
                "  3  target unreachable",
                "  4  stream leak: streams never reached a terminal state",
                "  5  leak-check: a leak found on the server under test; interop: a case failed",
                "  6  leak-check: no leak found, but a watcher gave no verdict",
                "  7  a --threshold failed (run; compare: any variant; leak-check)",
                "  8  k8s collect: a shard's pod failed, is missing or left no report (the others are merged)",
                "  130, 143  stopped by Ctrl-C (SIGINT) or SIGTERM before there was anything to report; with a report,",
                "        a stopped run exits with the code it earned (0, 4, 7; interop: 5, else 130/143)"})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (tests call this in-process). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setParameterExceptionHandler(Main::usageError);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof UsageException) {
                cmd.getErr().println("quiver: " + e.getMessage());
                return ExitCode.USAGE;
            }
            cmd.getErr().println("quiver: internal error: " + e + (Debug.on() ? "" : " (--debug shows the stack trace)"));
            if (Debug.on()) {
                e.printStackTrace(cmd.getErr());
            }
            return ExitCode.INTERNAL;
        });
        cli.setExecutionStrategy(parsed -> {
            // serve keeps the logging it sets up itself; every client command shows categories, not library traces
            if (!(parsed.subcommand() != null && parsed.subcommand().commandSpec().userObject() instanceof ServeCommand)) {
                Debug.routeLibraryLogs();
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        return cli.execute(args);
    }

    private static int usageError(CommandLine.ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println("quiver: " + e.getMessage() + " (see '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
        return ExitCode.USAGE;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "give a command: run, compare, leak-check, interop, serve, demo, lab, merge or k8s");
    }
}
