package dev.quiver.lab;

import dev.quiver.lab.link.LinkSpec;
import java.util.List;

/**
 * A process that builds a lab, starts a long sleep in its server namespace, says so on stdout and
 * waits to be signalled: what the tear-down tests kill.
 */
public final class LabHolder {

    private LabHolder() {
    }

    public static void main(String[] args) throws Exception {
        Lab lab = Lab.start(LinkSpec.perfect(1));
        Process sleeper = lab.start(Side.SERVER, List.of("sleep", "600"), 1000, pb -> { });
        System.out.println("ready " + lab.names().namespace(Side.CLIENT) + " " + lab.names().namespace(Side.SERVER) + " "
                + sleeper.pid() + " " + lab.names().directory());
        System.out.flush();
        Thread.sleep(600_000);
    }
}
