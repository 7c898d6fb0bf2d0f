package dev.quiver.cli.report;

import dev.quiver.core.leak.LeakReport;
import dev.quiver.core.leak.Point;
import dev.quiver.core.leak.ResourceVerdict;
import dev.quiver.core.report.RunResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The machine report of a leak check: verdicts, every sample, and the load's own report under {@code run}. */
public final class LeakJsonReport {

    private LeakJsonReport() {
    }

    public static String toJson(LeakReport report, LeakTextReport.Phases phases, RunResult run) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("verdict", report.overall().key());
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("baseline_s", phases.baseline().toMillis() / 1000.0);
        p.put("warmup_s", phases.warmup().toMillis() / 1000.0);
        p.put("load_s", round(phases.loadSeconds()));
        p.put("cooldown_s", phases.cooldown().toMillis() / 1000.0);
        p.put("sample_interval_s", phases.sampleInterval().toMillis() / 1000.0);
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
                s.put("t", round(pt.seconds()));
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

    private static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
