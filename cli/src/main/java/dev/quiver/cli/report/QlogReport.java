package dev.quiver.cli.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quiver.core.engine.QlogFiles;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a command's qlog files are ({@code --qlog DIR}): one line after the text report, a
 * {@code qlog} object in the JSON report. Without {@code --qlog} it adds nothing.
 */
public final class QlogReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private QlogReport() {
    }

    /** {@code dir}, {@code files} (written), {@code max} ({@code --qlog-max}), {@code not_logged} (QUIC connections beyond it). */
    public static Map<String, Object> tree(QlogFiles qlog) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dir", qlog.dir().toString());
        m.put("files", qlog.files().size());
        m.put("max", qlog.max());
        m.put("not_logged", qlog.notLogged());
        return m;
    }

    /** The text report's line, e.g. {@code qlog: 2 files in /tmp/q (3 more QUIC connections not logged: --qlog-max 2)}. */
    public static String line(QlogFiles qlog) {
        int files = qlog.files().size();
        long more = qlog.notLogged();
        return "qlog: " + files + (files == 1 ? " file" : " files") + " in " + qlog.dir()
                + (more == 0 ? "" : " (" + more + " more QUIC connection" + (more == 1 ? "" : "s")
                        + " not logged: --qlog-max " + qlog.max() + ")");
    }

    /** Adds {@code qlog} to a JSON report (one object) under {@code qlog}; the report's own keys stay as written. */
    static String addTo(String jsonReport, QlogFiles qlog) {
        try {
            ObjectNode tree = (ObjectNode) JSON.readTree(jsonReport);
            tree.set("qlog", JSON.valueToTree(tree(qlog)));
            return JsonReport.toJson(tree) + System.lineSeparator();
        } catch (IOException | ClassCastException e) {
            throw new IllegalStateException("a JSON report that is not one object", e);
        }
    }
}
