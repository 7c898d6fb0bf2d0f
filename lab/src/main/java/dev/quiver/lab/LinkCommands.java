package dev.quiver.lab;

import dev.quiver.lab.link.LinkFlags;
import dev.quiver.lab.link.LinkSpec;
import java.io.IOException;
import java.util.Map;

/**
 * The control socket's requests that change the link, for interop cases that need a network:
 * {@code set NAME=VALUE ...} restarts the link with those impairments (the lab's flag names without
 * dashes, its seed and MTU), {@code restore} restarts it with the lab's own. Both answer the link's
 * report after the restart; a bad request answers {@code {"error": ...}} and changes nothing.
 */
final class LinkCommands {

    private final Lab lab;

    LinkCommands(Lab lab) {
        this.lab = lab;
    }

    Map<String, Object> answer(String request) {
        try {
            if (request.equals("restore")) {
                lab.restartLinkFor(lab.ownSpec());
                return lab.report();
            }
            if (request.startsWith("set ")) {
                lab.restartLinkFor(parse(request.substring(4).strip(), lab.ownSpec()));
                return lab.report();
            }
            return Map.of("error", "unknown request (ask: link, set NAME=VALUE ..., restore)");
        } catch (IllegalArgumentException | IOException e) {
            return Map.of("error", String.valueOf(e.getMessage()));
        }
    }

    /** {@code rtt=1500ms loss=2% loss-burst=3} on a perfect link with the lab's seed and MTU. */
    static LinkSpec parse(String flags, LinkSpec own) {
        LinkFlags f = new LinkFlags();
        for (String word : flags.split("\\s+")) {
            int eq = word.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected NAME=VALUE, got '" + word + "'");
            }
            f.set(word.substring(0, eq), word.substring(eq + 1));
        }
        return f.build(own.seed(), own.mtu());
    }
}
