package dev.quiver.cli.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The comparison in one plain sentence: who was fastest, by how much, who had the lowest tail, who failed. */
public final class Verdict {

    private Verdict() {
    }

    public static String of(ComparisonResult c) {
        List<VariantResult> ran = c.variants().stream().filter(VariantResult::ran).toList();
        List<String> parts = new ArrayList<>();
        if (ran.isEmpty()) {
            parts.add("no variant ran: none could open its first connection");
        } else if (ran.size() == 1) {
            parts.add(String.format(Locale.ROOT, "only %s ran (%.1f req/s)", ran.get(0).variant().label(), ran.get(0).rpsMedian()));
        } else {
            VariantResult fastest = ran.get(0);
            VariantResult slowest = ran.get(0);
            for (VariantResult v : ran) {
                fastest = v.rpsMedian() > fastest.rpsMedian() ? v : fastest;
                slowest = v.rpsMedian() < slowest.rpsMedian() ? v : slowest;
            }
            String ratio = slowest.rpsMedian() > 0
                    ? String.format(Locale.ROOT, "%.2fx %s", fastest.rpsMedian() / slowest.rpsMedian(), slowest.variant().label())
                    : slowest.variant().label() + " completed none";
            parts.add(String.format(Locale.ROOT, "%s served the most requests per second (%.1f, %s)",
                    fastest.variant().label(), fastest.rpsMedian(), ratio));
            Row p99 = Rows.byKey("latency_p99_ms");
            List<Integer> best = p99.winners(c.variants());
            if (!best.isEmpty()) {
                VariantResult v = c.variants().get(best.get(0));
                parts.add(String.format(Locale.ROOT, "%s had the lowest p99 latency (%.3f ms)", v.variant().label(), p99.of(v)));
            }
        }
        for (VariantResult v : c.variants()) {
            if (v.failure() != null) {
                parts.add(v.variant().label() + " failed (" + v.failure() + ")");
            } else if (v.ran() && v.merged().requests().failed() > 0) {
                parts.add(String.format(Locale.ROOT, "%s had %d failed requests", v.variant().label(), v.merged().requests().failed()));
            }
        }
        if (c.interrupted()) {
            parts.add(c.stoppedBy().display() + " ended the comparison before every round ran");
        }
        return String.join("; ", parts) + ".";
    }
}
