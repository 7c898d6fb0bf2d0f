package dev.quiver.cli.lab;

import dev.quiver.core.interop.LinkControl;
import dev.quiver.lab.control.ControlClient;
import java.io.IOException;
import java.nio.file.Path;

/** The link of the {@code quiver lab} this quiver runs in, through the lab's control socket. */
public final class LabLinkControl implements LinkControl {

    private final Path socket;

    private LabLinkControl(Path socket) {
        this.socket = socket;
    }

    /** The lab's link, or null outside a lab. */
    public static LinkControl fromEnvironment() {
        Path p = ControlClient.fromEnvironment();
        return p == null ? null : new LabLinkControl(p);
    }

    @Override
    public String set(String flags) throws IOException {
        return checked(ControlClient.ask(socket, "set " + flags));
    }

    @Override
    public String report() throws IOException {
        return checked(ControlClient.link(socket));
    }

    /**
     * Also from a case that was interrupted (its timeout): the flag is put aside for the request,
     * since an interrupted thread's socket closes at once, and set again after it.
     */
    @Override
    public void restore() throws IOException {
        boolean interrupted = Thread.interrupted();
        try {
            checked(ControlClient.ask(socket, "restore"));
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The answer, or an exception naming the lab's refusal. */
    private static String checked(String answer) throws IOException {
        if (answer.startsWith("{\"error\"") || answer.isEmpty()) {
            throw new IOException("the lab refused: " + answer);
        }
        return answer;
    }
}
