package dev.quiver.cli.command;

import dev.quiver.cli.ExitCode;
import dev.quiver.cli.options.DurationConverter;
import dev.quiver.cli.progress.ProgressLine;
import dev.quiver.cli.report.TextReport;
import dev.quiver.core.engine.Engines;
import dev.quiver.core.engine.Protocol;
import dev.quiver.core.engine.RequestTemplate;
import dev.quiver.core.engine.Target;
import dev.quiver.core.report.RunResult;
import dev.quiver.core.schedule.RunSpec;
import dev.quiver.core.schedule.TargetUnreachableException;
import dev.quiver.core.schedule.Workload;
import dev.quiver.cli.serve.ReferenceServers;
import dev.quiver.core.engine.EngineProvider;
import dev.quiver.h2.server.ServerConfig;
import dev.quiver.quic.server.Http3ServerConfig;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code quiver demo}: starts the embedded server in-process and loads it over each protocol. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start the embedded servers in this process and run HTTP/1.1, HTTP/2 and HTTP/3 (every HTTP/3 engine) against them; no set-up needed.")
public final class DemoCommand implements Callable<Integer> {

    @Option(names = {"-z", "--duration"}, defaultValue = "3s", converter = DurationConverter.class,
            description = "How long each protocol runs. Default: ${DEFAULT-VALUE}.")
    Duration duration;

    @Option(names = {"-c", "--connections"}, defaultValue = "10", description = "Connections. Default: ${DEFAULT-VALUE}.")
    int connections;

    @Option(names = {"-p", "--parallel"}, defaultValue = "10", description = "Streams per HTTP/2 connection. Default: ${DEFAULT-VALUE}.")
    int parallel;

    @Override
    public Integer call() throws Exception {
        int exit = ExitCode.OK;
        try (ReferenceServers servers = ReferenceServers.start(
                ServerConfig.builder().tlsPort(0).plainPort(0).build(), Http3ServerConfig.builder(), true)) {
            System.out.println("demo servers: " + servers.describe());
            System.out.println();
            String plain = "http://127.0.0.1:" + servers.plainPort() + "/";
            String tls = "https://127.0.0.1:" + servers.tlsPort() + "/";
            exit = Math.max(exit, runOne("HTTP/1.1", plain, Protocol.HTTP_1_1, null, connections * parallel, 1));
            exit = Math.max(exit, runOne("HTTP/2", tls, Protocol.HTTP_2, null, connections, parallel));
            for (EngineProvider engine : Engines.available()) {
                if (engine.protocols().contains(Protocol.HTTP_3)) {
                    exit = Math.max(exit, runOne("HTTP/3 (" + engine.name() + ")", tls, Protocol.HTTP_3, engine.name(),
                            connections, parallel));
                }
            }
        }
        return exit;
    }

    private int runOne(String title, String url, Protocol protocol, String engine, int c, int p) {
        Workload w = new Workload(c, p, 0, duration, 0, Duration.ofSeconds(10));
        RunSpec spec = new RunSpec(Target.parse(url), protocol, true, RequestTemplate.get(), w,
                Duration.ofSeconds(5), 0, Duration.ofSeconds(1));
        System.out.println("== " + title + ": " + url + " -c " + c + (p > 1 ? " -p " + p : "") + " -z " + duration.toSeconds() + "s ==");
        try {
            RunResult r = LoadRunner.run(spec, Engines.find(protocol, engine).orElseThrow(), title,
                    ProgressLine.stderrIsTerminal() ? System.err : null);
            TextReport.print(r, System.out);
            System.out.println();
            return RunReports.exitCode(r, System.err);
        } catch (TargetUnreachableException e) {
            System.err.println("quiver: demo server unreachable: " + e.getMessage());
            return ExitCode.UNREACHABLE;
        }
    }
}
