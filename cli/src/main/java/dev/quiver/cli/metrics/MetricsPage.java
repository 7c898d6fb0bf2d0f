package dev.quiver.cli.metrics;

/**
 * A run's live figures in the Prometheus text exposition format 0.0.4: {@code # HELP} and
 * {@code # TYPE} before every family, counters ending in {@code _total}, label values escaped, the
 * latency as a classic histogram ({@code _bucket{le}}, {@code _sum}, {@code _count}). The names are
 * documented in the README; {@link ProtobufPage} writes the same families for scrapers that ask for
 * protobuf.
 */
final class MetricsPage {

    /** The media type of the format, as a scraper expects it. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private MetricsPage() {
    }

    static String render(MetricsSnapshot s) {
        StringBuilder b = new StringBuilder(4096);
        for (MetricFamilies.Family f : MetricFamilies.of(s)) {
            family(b, f.name(), f.type().word, f.help());
            for (MetricFamilies.Sample sample : f.samples()) {
                b.append(f.name());
                if (sample.labelName() != null) {
                    b.append('{').append(sample.labelName()).append("=\"").append(escape(sample.labelValue())).append("\"}");
                }
                b.append(' ').append(number(sample.value())).append('\n');
            }
        }
        histogram(b, s);
        return b.toString();
    }

    private static void histogram(StringBuilder b, MetricsSnapshot s) {
        String name = MetricFamilies.LATENCY_NAME;
        family(b, name, "histogram", MetricFamilies.LATENCY_HELP);
        long[] counts = s.bucketCounts();
        for (int i = 0; i < counts.length; i++) {
            b.append(name).append("_bucket{le=\"").append(number(LiveMetrics.BUCKETS_SECONDS[i])).append("\"} ")
                    .append(counts[i]).append('\n');
        }
        b.append(name).append("_bucket{le=\"+Inf\"} ").append(s.latencyCount()).append('\n');
        b.append(name).append("_sum ").append(number(s.latencySumSeconds())).append('\n');
        b.append(name).append("_count ").append(s.latencyCount()).append('\n');
    }

    private static void family(StringBuilder b, String name, String type, String help) {
        b.append("# HELP ").append(name).append(' ').append(help.replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
        b.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    /** A label value as the format wants it: backslash, double quote and line feed escaped. */
    static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** A sample value: whole numbers without a point, others as Java writes a double (the format reads both). */
    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
