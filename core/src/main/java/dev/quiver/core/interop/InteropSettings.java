package dev.quiver.core.interop;

import dev.quiver.core.engine.QlogFiles;
import dev.quiver.core.engine.Target;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

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
 * @param caseSettings values given for the cases' {@link CaseSetting}s, keyed {@code case.name} ({@code --case-setting})
 */
public record InteropSettings(Target target, boolean insecure, Duration caseTimeout, QlogFiles qlog, String caseId,
                              Path www, String path, LinkControl link, Map<String, Long> caseSettings) {

    public InteropSettings {
        if (qlog == null) {
            qlog = QlogFiles.OFF;
        }
        caseSettings = caseSettings == null ? Map.of() : Map.copyOf(caseSettings);
    }

    public InteropSettings(Target target, boolean insecure, Duration caseTimeout, QlogFiles qlog, String caseId,
                           Path www, String path, LinkControl link) {
        this(target, insecure, caseTimeout, qlog, caseId, www, path, link, Map.of());
    }

    /** Settings without qlog, files or a named resource. */
    public InteropSettings(Target target, boolean insecure, Duration caseTimeout) {
        this(target, insecure, caseTimeout, QlogFiles.OFF, null, null, null, null);
    }

    /** The same settings for one case, with at least the case's own timeout ({@link InteropCase#minimumTimeout}). */
    public InteropSettings forCase(InteropCase c) {
        Duration timeout = c.minimumTimeout().compareTo(caseTimeout) > 0 ? c.minimumTimeout() : caseTimeout;
        return new InteropSettings(target, insecure, timeout, qlog, c.id(), www, path, link, caseSettings);
    }

    /** The same settings against another server (the ipv6 case's IPv6 address of the same server). */
    public InteropSettings withTarget(Target t) {
        return new InteropSettings(t, insecure, caseTimeout, qlog, caseId, www, path, link, caseSettings);
    }

    /** The value of the case's setting: as given with {@code --case-setting}, else its default. */
    public long setting(CaseSetting s) {
        Long v = caseSettings.get(caseId + "." + s.name());
        return v == null ? s.defaultValue() : v;
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
