package dev.quiver.core.interop;

import dev.quiver.core.engine.QlogFiles;
import dev.quiver.core.engine.Target;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What every case gets: the server to test, where its downloads come from, how long one case may take.
 *
 * @param target the server's origin; the cases' files are under its path
 * @param caseTimeout the whole case, all its connections included
 * @param qlog where the cases' QUIC connections write their qlog ({@code --qlog}), {@link QlogFiles#OFF} for nowhere
 * @param caseId the case these settings were handed to ({@link #forCase}), for the qlog files' names; null before
 * @param www the directory the server serves, where quiver writes each case's files ({@code --www}), or null
 * @param path the resource the cases download without {@code --www} ({@code --path}), or null for the URL's path
 * @param link the link of the {@code quiver lab} quiver runs in, or null outside a lab
 */
public record InteropSettings(Target target, boolean insecure, Duration caseTimeout, QlogFiles qlog, String caseId,
                              Path www, String path, LinkControl link) {

    public InteropSettings {
        if (qlog == null) {
            qlog = QlogFiles.OFF;
        }
    }

    /** Settings without qlog, files or a named resource. */
    public InteropSettings(Target target, boolean insecure, Duration caseTimeout) {
        this(target, insecure, caseTimeout, QlogFiles.OFF, null, null, null, null);
    }

    /** The same settings for one case. */
    public InteropSettings forCase(InteropCase c) {
        return new InteropSettings(target, insecure, caseTimeout, qlog, c.id(), www, path, link);
    }

    /** The qlog file for one more QUIC connection of this case on {@code engine}, or null (off, or beyond {@code --qlog-max}). */
    public Path claimQlog(String engine) {
        return qlog.claim(caseId == null ? engine : engine + "-" + caseId);
    }

    /** The resource the cases download without {@code --www}: {@code --path}, else the URL's path. */
    public String resourcePath() {
        if (path != null) {
            return path;
        }
        String p = target.pathAndQuery();
        return p == null || p.isEmpty() ? "/" : p;
    }

    /** {@code path} under the URL's directory, e.g. {@code /quiver-transfer-1}. */
    public String path(String path) {
        String base = target.pathAndQuery();
        int q = base.indexOf('?');
        if (q >= 0) {
            base = base.substring(0, q);
        }
        base = base.substring(0, base.lastIndexOf('/') + 1);
        return base + (path.startsWith("/") ? path.substring(1) : path);
    }
}
