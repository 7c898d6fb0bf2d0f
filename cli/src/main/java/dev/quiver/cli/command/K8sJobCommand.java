package dev.quiver.cli.command;

import dev.quiver.cli.UsageException;
import dev.quiver.cli.options.LoadOptions;
import dev.quiver.cli.options.StartInstant;
import dev.quiver.core.schedule.RunSpec;
import dev.quiver.core.shard.Shard;
import dev.quiver.core.shard.ShardSplit;
import dev.quiver.k8s.ShardJob;
import dev.quiver.k8s.ShardJobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code quiver k8s job URL --shards N --image IMAGE}: writes the Indexed Job that runs the shards. */
@Command(name = "job", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write (on stdout, as YAML for 'kubectl apply -f -') an Indexed Job of N pods, pod i running "
                + "'quiver run URL FLAGS --shard i/N --start-at T --json': the load flags are the whole load's, divided "
                + "between the shards as --shard divides them. Collect the merged report with 'quiver k8s collect NAME'.")
public final class K8sJobCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "URL", description = "http:// or https:// URL to load (as the pods reach it).")
    String url;

    @Mixin
    LoadOptions load;

    @Option(names = "--shards", paramLabel = "N", required = true, description = "Number of shards: pods, each with its part of the load.")
    int shards;

    @Option(names = "--image", paramLabel = "IMAGE", required = true,
            description = "Container image whose entrypoint is quiver (mvn -P jib package builds one; see the README).")
    String image;

    @Option(names = "--name", paramLabel = "NAME", description = "The Job's name. Default: quiver-run-<epoch seconds>.")
    String name;

    @Option(names = "--namespace", paramLabel = "NS", description = "The Job's namespace. Default: none in the YAML (kubectl's).")
    String namespace;

    @Option(names = "--start-at", paramLabel = "TIME", defaultValue = "+2m",
            description = "When every shard starts its load: ISO-8601, epoch milliseconds or +DURATION from now; apply the Job "
                    + "well before, so that the pods are scheduled, pulled and connected. Default: ${DEFAULT-VALUE}.")
    String startAt;

    @Option(names = "--cpu", paramLabel = "QUANTITY", description = "CPU each pod requests (2, 500m). Default: none.")
    String cpu;

    @Option(names = "--memory", paramLabel = "QUANTITY", description = "Memory each pod requests (1Gi). Default: none.")
    String memory;

    @Option(names = "--one-per-node", description = "At most one shard per node (required pod anti-affinity on the host name).")
    boolean onePerNode;

    @Override
    public Integer call() {
        RunSpec run = load.toSpec(url);
        if (run.qlog().enabled()) {
            throw new UsageException("--qlog writes files inside each pod, which 'k8s collect' cannot read: not with k8s job");
        }
        if (shards < 1 || shards > Shard.MAX_COUNT) {
            throw new UsageException("--shards must be from 1 to " + Shard.MAX_COUNT + ", got " + shards);
        }
        for (int i = 0; i < shards; i++) {
            try {
                new ShardSplit(new Shard(i, shards)).part(run.workload());
            } catch (IllegalArgumentException e) {
                throw new UsageException("--shards " + shards + ": " + e.getMessage());
            }
        }
        Instant now = Instant.now();
        Instant at = StartInstant.parse(startAt, now);
        String jobName = name != null ? name : "quiver-run-" + now.getEpochSecond();
        Job job;
        try {
            job = ShardJob.build(new ShardJobSpec(jobName, namespace, image, shards, runArgs(), at, cpu, memory, onePerNode));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        String yaml = ShardJob.yaml(job);
        System.out.print(yaml.endsWith("\n") ? yaml : yaml + System.lineSeparator());
        System.out.flush();
        System.err.println("quiver: Indexed Job " + jobName + ": " + shards + " shards, load starts at " + at
                + " (apply it well before); then: quiver k8s collect " + jobName);
        return 0;
    }

    /** The URL and the load flags as given on this command line, for every shard's {@code quiver run}. */
    List<String> runArgs() {
        Set<String> loadFlags = new HashSet<>();
        for (OptionSpec o : spec.mixins().get("load").options()) {
            loadFlags.add(o.longestName());
        }
        List<String> args = new ArrayList<>();
        args.add(url);
        // once per option: a repeated option (-H) is listed once per occurrence, each with all its values
        for (OptionSpec o : new LinkedHashSet<>(spec.commandLine().getParseResult().matchedOptions())) {
            if (!loadFlags.contains(o.longestName())) {
                continue;
            }
            if (o.arity().max() == 0) {
                args.add(o.longestName());
                continue;
            }
            for (String v : o.originalStringValues()) {
                args.add(o.longestName());
                args.add(v);
            }
        }
        return args;
    }
}
