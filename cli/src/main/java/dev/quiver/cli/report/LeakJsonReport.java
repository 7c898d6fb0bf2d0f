package dev.quiver.cli.report;

import dev.quiver.core.leak.LeakReport;
import dev.quiver.core.leak.Point;
import dev.quiver.core.leak.ResourceVerdict;
import dev.quiver.core.report.RunResult;
import dev.quiver.core.report.Units;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The machine report of a leak check: verdicts, every sample, and the load's own report under {@code run}. */
public final class LeakJsonReport {

    private LeakJsonReport() {
    }

    /** The leak check as a JSON document. */
    public static String render(LeakCheckResult check) {
        return toJson(check.report(), check.phases(), check.run()) + System.lineSeparator();
    }

    static String toJson(LeakReport report, LeakTextReport.Phases phases, RunResult run) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("verdict", report.overall().key());
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("baseline_s", Units.seconds(phases.baseline()));
        p.put("warmup_s", Units.seconds(phases.warmup()));
        p.put("load_s", Units.round3(phases.loadSeconds()));
        p.put("cooldown_s", Units.seconds(phases.cooldown()));
        p.put("sample_interval_s", Units.seconds(phases.sampleInterval()));
        m.put("phases", p);
        List<Object> resources = new ArrayList<>();
        for (ResourceVerdict r : report.resources()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("resource", r.resource().name());
            x.put("watcher", r.watcher());
            x.put("unit", r.resource().unit().key());
            x.put("verdict", r.verdict().key());
            x.put("reason", r.reason());
            x.put("baseline", number(r.baseline()));
            x.put("peak", number(r.peak()));
            x.put("end_of_load", number(r.endOfLoad()));
            x.put("end_of_cooldown", number(r.endOfCooldown()));
            if (r.slopePer1k() != null) {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("value", r.slopePer1k().perUnit());
                s.put("low", r.slopePer1k().low());
                s.put("high", r.slopePer1k().high());
                s.put("points", r.slopePer1k().points());
                x.put("slope_per_1k_requests", s);
            } else {
                x.put("slope_per_1k_requests", null);
            }
            List<Object> samples = new ArrayList<>();
            for (Point pt : r.points()) {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("t", Units.round3(pt.seconds()));
                s.put("phase", pt.phase().key());
                s.put("requests", pt.requests());
                s.put("value", pt.value());
                samples.add(s);
            }
            x.put("samples", samples);
            resources.add(x);
        }
        m.put("resources", resources);
        m.put("warnings", report.warnings());
        m.put("run", JsonReport.tree(run));
        return JsonReport.toJson(m);
    }

    private static Double number(double v) {
        return Double.isNaN(v) ? null : v;
    }

}
