package dev.quiver.cli.compare;

import dev.quiver.core.report.RunResult;
import java.util.ArrayList;
import java.util.List;

/**
 * What one variant measured over its rounds.
 *
 * @param rounds what is kept of each round, in the order they ran
 * @param merged every round merged into one result ({@link RunResult#merge}), or null when no round ran
 * @param failure the error category when a round could not even open its first connection, else null
 */
public record VariantResult(Variant variant, List<Round> rounds, RunResult merged, String failure) {

    public VariantResult {
        rounds = List.copyOf(rounds);
    }

    public boolean ran() {
        return merged != null;
    }

    /** Each round's completed requests per second, sorted. */
    public List<Double> roundRps() {
        List<Double> list = new ArrayList<>();
        for (Round r : rounds) {
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
        long finished = 0;
        for (Round r : rounds) {
            if (r.cpuSeconds() < 0) {
                return Double.NaN;
            }
            cpu += r.cpuSeconds();
            finished += r.ok() + r.failed();
        }
        return finished == 0 ? Double.NaN : cpu / (finished / 1000.0);
    }
}
