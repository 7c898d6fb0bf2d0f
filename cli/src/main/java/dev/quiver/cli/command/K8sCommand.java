package dev.quiver.cli.command;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code quiver k8s}: shards of one load as a Kubernetes Indexed Job, and their reports merged. */
@Command(name = "k8s", mixinStandardHelpOptions = true,
        description = "Run the shards of one load as a Kubernetes Indexed Job (one pod per shard), and merge their reports.",
        subcommands = {K8sJobCommand.class, K8sCollectCommand.class})
public final class K8sCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "give a k8s command: job or collect");
    }
}
