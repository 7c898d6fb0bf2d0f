package dev.quiver.core.leak;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Judges one resource from its readings. A leak is growth per completed request that is certain
 * (the slope's lower 95% bound is above the limit) and that cool-down does not give back; growth
 * that comes back is a pool or cache filling, and said so. A total of waiting time (stream credit)
 * that grows while no request completes any more is a stalled load, which is a leak too.
 */
public final class LeakAnalysis {

    /** Cool-down readings averaged (median) for its end value, so that one odd reading does not decide. */
    private static final int END_READINGS = 3;

    private LeakAnalysis() {
    }

    public static ResourceVerdict judge(String watcher, Resource resource, List<Point> points, Limits limits) {
        List<Point> baseline = phase(points, Phase.BASELINE);
        List<Point> load = phase(points, Phase.LOAD);
        List<Point> cooldown = phase(points, Phase.COOLDOWN);
        double base = baseline.isEmpty() ? Double.NaN : median(values(baseline));
        double peak = points.stream().mapToDouble(Point::value).max().orElse(Double.NaN);
        double endOfLoad = load.isEmpty() ? Double.NaN : load.get(load.size() - 1).value();
        double endOfCooldown = cooldown.isEmpty() ? Double.NaN
                : median(values(cooldown.subList(Math.max(0, cooldown.size() - END_READINGS), cooldown.size())));
        if (load.size() < Slope.MIN_POINTS) {
            return new ResourceVerdict(watcher, resource, base, peak, endOfLoad, endOfCooldown, null, Verdict.UNKNOWN,
                    "only " + load.size() + " readings during the load; the watcher failed or the load was too short",
                    points);
        }
        double[] x = load.stream().mapToDouble(Point::requests).toArray();
        double[] y = values(load);
        Slope fitted = Slope.fit(x, y);
        Slope per1k = fitted == null ? null : fitted.times(1000);
        String stall = resource.cumulative() && resource.unit() == Resource.Unit.MILLIS ? stall(load) : null;
        if (stall != null) {
            return new ResourceVerdict(watcher, resource, base, peak, endOfLoad, endOfCooldown, per1k, Verdict.LEAK,
                    stall, points);
        }
        if (per1k == null) {
            return new ResourceVerdict(watcher, resource, base, peak, endOfLoad, endOfCooldown, null, Verdict.UNKNOWN,
                    "no request completed during the load, so there is no growth per request to measure", points);
        }
        double maxSlope = limits.maxSlopePer1k(resource.unit());
        double judgedGrowth = load.get(load.size() - 1).value() - load.get(0).value();
        boolean steep = per1k.low() > maxSlope;
        boolean grows = steep && judgedGrowth >= resource.minGrowth();
        double reference = Double.isNaN(base) ? load.get(0).value() : base;
        double allowed = limits.maxRetained() * Math.max(Math.abs(reference), floor(resource.unit()));
        boolean measuredCooldown = !Double.isNaN(endOfCooldown) && !resource.cumulative();
        boolean retained = measuredCooldown && endOfCooldown - reference > allowed;
        boolean rose = peak - reference > allowed;
        String slopeWords = "grows " + resource.unit().format(per1k.perUnit()) + " per 1k requests (95% interval "
                + resource.unit().format(per1k.low()) + " .. " + resource.unit().format(per1k.high())
                + ", limit " + resource.unit().format(maxSlope) + ")";
        Verdict verdict;
        String reason;
        if (grows && (retained || !measuredCooldown)) {
            verdict = Verdict.LEAK;
            reason = slopeWords + (retained ? " and keeps " + resource.unit().format(endOfCooldown - reference)
                    + " above its baseline after cool-down" : "");
        } else if (measuredCooldown && !retained && (grows || rose) && peak - endOfCooldown > (peak - reference) / 2) {
            verdict = Verdict.RETURNED;
            reason = "rose under load to " + resource.unit().format(peak) + " and came back to "
                    + resource.unit().format(endOfCooldown) + " in cool-down: a pool or cache, not a leak";
        } else if (grows) {
            verdict = Verdict.NO_LEAK;
            reason = slopeWords + " but stays within " + Math.round(limits.maxRetained() * 100)
                    + "% of its baseline after cool-down (--max-retained)";
        } else if (steep) {
            verdict = Verdict.NO_LEAK;
            reason = slopeWords + " but only " + resource.unit().format(judgedGrowth)
                    + " over the judged load, below the " + resource.unit().format(resource.minGrowth())
                    + " this resource must grow to count (one-time costs look steep on a short load)";
        } else {
            verdict = Verdict.NO_LEAK;
            reason = retained
                    ? "keeps " + resource.unit().format(endOfCooldown - reference)
                      + " above its baseline after cool-down but does not grow per request: filled once (a pool, a heap that grew), not a leak"
                    : "does not grow with requests (" + resource.unit().format(per1k.perUnit()) + " per 1k requests)";
        }
        return new ResourceVerdict(watcher, resource, base, peak, endOfLoad, endOfCooldown, per1k, verdict, reason, points);
    }

    /**
     * A wait total that grew by at least half the wall time over the last readings of the load
     * while the count of completed requests stood still: the server stopped granting stream credit.
     */
    private static String stall(List<Point> load) {
        Point last = load.get(load.size() - 1);
        int first = load.size() - 1;
        while (first > 0 && load.get(first - 1).requests() == last.requests()) {
            first--;
        }
        Point start = load.get(first);
        double seconds = last.seconds() - start.seconds();
        double grew = last.value() - start.value();
        if (load.size() - first < Slope.MIN_POINTS || seconds <= 0 || grew < 0.5 * seconds * 1000) {
            return null;
        }
        return String.format(java.util.Locale.ROOT,
                "the load stalled: no request completed for the last %.1f s of the load while waits for stream credit grew by %s"
                        + " (the server does not return stream credit: a stream leak on the server)",
                seconds, Resource.Unit.MILLIS.format(grew));
    }

    /** Below this a baseline is treated as this, so that 10% of almost nothing is not the limit. */
    private static double floor(Resource.Unit unit) {
        return switch (unit) {
            case BYTES -> 1024.0 * 1024;
            case COUNT -> 10;
            case MILLIS -> 1000;
        };
    }

    private static List<Point> phase(List<Point> points, Phase phase) {
        List<Point> out = new ArrayList<>();
        for (Point p : points) {
            if (p.phase() == phase) {
                out.add(p);
            }
        }
        return out;
    }

    private static double[] values(List<Point> points) {
        return points.stream().mapToDouble(Point::value).toArray();
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
