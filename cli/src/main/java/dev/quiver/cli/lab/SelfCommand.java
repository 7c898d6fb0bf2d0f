package dev.quiver.cli.lab;

import dev.quiver.cli.Main;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How to run this same quiver again in another process: the same {@code java}, the same JVM
 * flags (minus agents and debuggers, which would fight over their ports), the same jar.
 */
final class SelfCommand {

    private SelfCommand() {
    }

    static List<String> of(List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!flag.startsWith("-agentlib") && !flag.startsWith("-agentpath") && !flag.startsWith("-javaagent")
                    && !flag.startsWith("-Xrunjdwp") && !flag.startsWith("-Xdebug")) {
                cmd.add(flag);
            }
        }
        if (cmd.stream().noneMatch(f -> f.startsWith("-Dio.netty.machineId="))) {
            // Inside a lab no interface has a hardware address, which Netty would warn about at start;
            // this id only keeps its channel ids unique.
            cmd.add("-Dio.netty.machineId=" + machineId());
        }
        Path jar = jar();
        if (jar != null) {
            cmd.add("-jar");
            cmd.add(jar.toString());
        } else {
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add(Main.class.getName());
        }
        cmd.addAll(args);
        return cmd;
    }

    private static String machineId() {
        byte[] b = new byte[6];
        new SecureRandom().nextBytes(b);
        b[0] = (byte) ((b[0] | 0x02) & 0xFE); // locally administered, unicast
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(sb.isEmpty() ? "" : ":").append(String.format(Locale.ROOT, "%02x", x));
        }
        return sb.toString();
    }

    /** The jar quiver runs from, or null when it runs from class directories (tests, IDE). */
    private static Path jar() {
        try {
            Path p = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
            return Files.isRegularFile(p) && p.toString().endsWith(".jar") ? p : null;
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
