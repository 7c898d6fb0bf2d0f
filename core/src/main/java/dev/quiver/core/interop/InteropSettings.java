package dev.quiver.core.interop;

import dev.quiver.core.engine.Target;
import java.time.Duration;

/**
 * What every case gets: the server to test and how long one case may take.
 *
 * @param target the server's origin; cases pick their own paths ({@code /}, {@code /bytes/N})
 * @param caseTimeout the whole case, all its connections included
 */
public record InteropSettings(Target target, boolean insecure, Duration caseTimeout) {

    /** {@code path} on the target's origin, e.g. {@code /bytes/1000}. */
    public String path(String path) {
        String base = target.pathAndQuery();
        int q = base.indexOf('?');
        if (q >= 0) {
            base = base.substring(0, q);
        }
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base + path;
    }
}
