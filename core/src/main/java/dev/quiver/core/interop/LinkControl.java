package dev.quiver.core.interop;

import java.io.IOException;

/**
 * The link of the {@code quiver lab} the interop cases run in: a case that needs a network sets the
 * impairments it needs and restores the lab's own link after it.
 */
public interface LinkControl {

    /**
     * Restarts the link with these impairments, in the lab's flag names without dashes
     * ({@code rtt=1500ms}, {@code loss=2% loss-burst=3}); counters start at zero.
     *
     * @return the link's report after the restart (JSON text)
     */
    String set(String flags) throws IOException;

    /** The link's report now (JSON text): its settings and counters per direction. */
    String report() throws IOException;

    /** Restarts the link with the lab's own settings. */
    void restore() throws IOException;
}
