package dev.quiver.cli.compare;

import dev.quiver.core.report.RunResult;
import java.util.ArrayList;
import java.util.List;

/**
 * What one variant measured over its rounds.
 *
 * @param rounds each round's own result, in the order they ran
 * @param merged the rounds added into one result (histograms added), or null when no round ran
 * @param cpuSeconds quiver's CPU seconds spent around each round (whole process)
 * @param failure the error category when a round could not even open its first connection, else null
 */
public record VariantResult(Variant variant, List<RunResult> rounds, RunResult merged, List<Double> cpuSeconds,
                            String failure) {

    public VariantResult {
        rounds = List.copyOf(rounds);
        cpuSeconds = List.copyOf(cpuSeconds);
    }

    static VariantResult of(Variant variant, List<RunResult> rounds, List<Double> cpuSeconds, String failure) {
        return new VariantResult(variant, rounds, rounds.isEmpty() ? null : RoundMerge.merge(rounds), cpuSeconds, failure);
    }

    public boolean ran() {
        return !rounds.isEmpty();
    }

    /** Each round's completed requests per second, sorted. */
    public List<Double> roundRps() {
        List<Double> list = new ArrayList<>();
        for (RunResult r : rounds) {
            list.add(r.rps());
        }
        list.sort(Double::compare);
        return list;
    }

    public double rpsMedian() {
        List<Double> v = roundRps();
        int n = v.size();
        return n == 0 ? 0 : n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }

    /** quiver's CPU seconds per 1000 finished requests; NaN when unknown or nothing finished. */
    public double cpuSecondsPer1k() {
        double cpu = 0;
        for (double c : cpuSeconds) {
            if (c < 0) {
                return Double.NaN;
            }
            cpu += c;
        }
        long finished = 0;
        for (RunResult r : rounds) {
            finished += r.ok() + r.failed();
        }
        return finished == 0 ? Double.NaN : cpu / (finished / 1000.0);
    }
}
