package dev.quiver.cli.compare;

import dev.quiver.core.report.Units;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * One measured row of the comparison table: how to read it from a variant, how to show it, and
 * which direction wins. Text, HTML and JSON all take their numbers from here, so they agree.
 *
 * @param key the JSON key, e.g. {@code latency_p99_ms}
 * @param title as the table shows it
 * @param better which values win; {@code NONE} for rows that are not a contest
 * @param value the number for a variant that ran; NaN when it has none
 */
public record Row(String key, String title, Better better, Unit unit, ToDoubleFunction<VariantResult> value) {

    public enum Better { HIGHER, LOWER, NONE }

    /** How a row's numbers read. */
    public enum Unit {
        RATE, MILLIS, COUNT, BYTES_PER_SECOND, SECONDS;

        public String format(double v) {
            if (Double.isNaN(v)) {
                return "-";
            }
            return switch (this) {
                case RATE -> String.format(Locale.ROOT, "%.1f", v);
                case MILLIS -> String.format(Locale.ROOT, "%.3f ms", v);
                case COUNT -> Long.toString(Math.round(v));
                case BYTES_PER_SECOND -> Units.formatBytes(v) + "/s";
                case SECONDS -> String.format(Locale.ROOT, "%.4f s", v);
            };
        }
    }

    /** This row's value for a variant: NaN when the variant did not run. */
    public double of(VariantResult v) {
        return v.ran() ? value.applyAsDouble(v) : Double.NaN;
    }

    /** The indexes of the winning variants (ties all win); empty when the row is no contest, fewer than two have values, or all are equal. */
    public List<Integer> winners(List<VariantResult> variants) {
        List<Integer> best = new ArrayList<>();
        if (better == Better.NONE) {
            return best;
        }
        double bestValue = Double.NaN;
        int withValues = 0;
        for (int i = 0; i < variants.size(); i++) {
            double v = rounded(of(variants.get(i)));
            if (Double.isNaN(v)) {
                continue;
            }
            withValues++;
            if (best.isEmpty() || (better == Better.HIGHER ? v > bestValue : v < bestValue)) {
                best.clear();
                best.add(i);
                bestValue = v;
            } else if (v == bestValue) {
                best.add(i);
            }
        }
        // fewer than two contenders, or all alike: nobody stands out
        return withValues < 2 || best.size() == withValues ? List.of() : best;
    }

    /** Values as reports print them (three decimals), so that a tie on screen is a tie. */
    public static double rounded(double v) {
        return Double.isInfinite(v) ? Double.NaN : Units.round3(v);
    }
}
