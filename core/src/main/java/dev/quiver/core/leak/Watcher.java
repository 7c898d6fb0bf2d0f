package dev.quiver.core.leak;

import java.io.IOException;
import java.util.List;

/**
 * Reads some resources of the server under test (or of quiver itself) once per sample interval.
 * Called from one sampling thread only; a slow or failing watcher does not stop the others.
 */
public interface Watcher {

    /** Says what is watched, for warnings and reports: {@code prometheus http://127.0.0.1:2019/metrics}. */
    String name();

    /**
     * The resources as they are now. A watcher that cannot read anything (its URL is down, its
     * answer is garbage, the process is gone) throws, with a message short enough for one line.
     */
    List<Reading> read() throws IOException;
}
