package dev.quiver.core.interop;

import dev.quiver.core.engine.QlogFiles;
import dev.quiver.core.engine.Target;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What every case gets: the server to test and how long one case may take.
 *
 * @param target the server's origin; cases pick their own paths ({@code /}, {@code /bytes/N})
 * @param caseTimeout the whole case, all its connections included
 * @param qlog where the cases' QUIC connections write their qlog ({@code --qlog}), {@link QlogFiles#OFF} for nowhere
 * @param caseId the case these settings were handed to ({@link #forCase}), for the qlog files' names; null before
 */
public record InteropSettings(Target target, boolean insecure, Duration caseTimeout, QlogFiles qlog, String caseId) {

    public InteropSettings {
        if (qlog == null) {
            qlog = QlogFiles.OFF;
        }
    }

    /** Settings without qlog. */
    public InteropSettings(Target target, boolean insecure, Duration caseTimeout) {
        this(target, insecure, caseTimeout, QlogFiles.OFF, null);
    }

    /** The same settings for one case. */
    public InteropSettings forCase(InteropCase c) {
        return new InteropSettings(target, insecure, caseTimeout, qlog, c.id());
    }

    /** The qlog file for one more QUIC connection of this case on {@code engine}, or null (off, or beyond {@code --qlog-max}). */
    public Path claimQlog(String engine) {
        return qlog.claim(caseId == null ? engine : engine + "-" + caseId);
    }

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
