package dev.quiver.cli.metrics;

/**
 * The page in Prometheus' protobuf exposition format, the only one a scraper reads native
 * histograms from: one {@code io.prometheus.client.MetricFamily} message after another, each with
 * its length before it as a varint. The same families as {@link MetricsPage}; the latency histogram
 * carries both the classic buckets (as the text page has them; +Inf is implied by the count) and
 * the native ones ({@link NativeHistogram}), as the Go client writes a histogram with both, so a
 * scraper set for classic histograms still gets them.
 *
 * <p>Field numbers are those of prometheus/client_model {@code metrics.proto}.
 */
final class ProtobufPage {

    /** The media type a scraper asks for and gets back. */
    static final String CONTENT_TYPE = "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited";

    // MetricFamily
    private static final int FAMILY_NAME = 1;
    private static final int FAMILY_HELP = 2;
    private static final int FAMILY_TYPE = 3;
    private static final int FAMILY_METRIC = 4;
    // MetricType
    private static final int TYPE_COUNTER = 0;
    private static final int TYPE_GAUGE = 1;
    private static final int TYPE_HISTOGRAM = 4;
    // Metric
    private static final int METRIC_LABEL = 1;
    private static final int METRIC_GAUGE = 2;
    private static final int METRIC_COUNTER = 3;
    private static final int METRIC_HISTOGRAM = 7;
    // LabelPair
    private static final int LABEL_NAME = 1;
    private static final int LABEL_VALUE = 2;
    // Gauge and Counter
    private static final int VALUE = 1;
    // Histogram
    private static final int SAMPLE_COUNT = 1;
    private static final int SAMPLE_SUM = 2;
    private static final int BUCKET = 3;
    private static final int SCHEMA = 5;
    private static final int ZERO_THRESHOLD = 6;
    private static final int ZERO_COUNT = 7;
    private static final int POSITIVE_SPAN = 12;
    private static final int POSITIVE_DELTA = 13;
    // Bucket
    private static final int CUMULATIVE_COUNT = 1;
    private static final int UPPER_BOUND = 2;
    // BucketSpan
    private static final int SPAN_OFFSET = 1;
    private static final int SPAN_LENGTH = 2;

    private ProtobufPage() {
    }

    static byte[] render(MetricsSnapshot s) {
        ProtobufWriter page = new ProtobufWriter();
        for (MetricFamilies.Family f : MetricFamilies.of(s)) {
            boolean counter = f.type() == MetricFamilies.Type.COUNTER;
            ProtobufWriter family = new ProtobufWriter()
                    .string(FAMILY_NAME, f.name())
                    .string(FAMILY_HELP, f.help())
                    .uint64(FAMILY_TYPE, counter ? TYPE_COUNTER : TYPE_GAUGE);
            for (MetricFamilies.Sample sample : f.samples()) {
                ProtobufWriter metric = new ProtobufWriter();
                if (sample.labelName() != null) {
                    metric.message(METRIC_LABEL, new ProtobufWriter()
                            .string(LABEL_NAME, sample.labelName())
                            .string(LABEL_VALUE, sample.labelValue()));
                }
                metric.message(counter ? METRIC_COUNTER : METRIC_GAUGE, new ProtobufWriter().double64(VALUE, sample.value()));
                family.message(FAMILY_METRIC, metric);
            }
            page.delimited(family);
        }
        page.delimited(latency(s));
        return page.toByteArray();
    }

    private static ProtobufWriter latency(MetricsSnapshot s) {
        ProtobufWriter h = new ProtobufWriter()
                .uint64(SAMPLE_COUNT, s.latencyCount())
                .double64(SAMPLE_SUM, s.latencySumSeconds());
        long[] counts = s.bucketCounts();
        for (int i = 0; i < counts.length; i++) {
            h.message(BUCKET, new ProtobufWriter()
                    .uint64(CUMULATIVE_COUNT, counts[i])
                    .double64(UPPER_BOUND, LiveMetrics.BUCKETS_SECONDS[i]));
        }
        NativeHistogram.Buckets n = s.nativeLatency();
        h.sint64(SCHEMA, NativeHistogram.SCHEMA)
                .double64(ZERO_THRESHOLD, NativeHistogram.ZERO_THRESHOLD)
                .uint64(ZERO_COUNT, n.zeroCount());
        if (n.spanOffsets().length == 0) {
            // no positive bucket yet: the spec's no-op span marks the histogram as native all the same
            h.message(POSITIVE_SPAN, new ProtobufWriter().sint64(SPAN_OFFSET, 0).uint64(SPAN_LENGTH, 0));
        }
        for (int i = 0; i < n.spanOffsets().length; i++) {
            h.message(POSITIVE_SPAN, new ProtobufWriter().sint64(SPAN_OFFSET, n.spanOffsets()[i]).uint64(SPAN_LENGTH, n.spanLengths()[i]));
        }
        // unpacked, as the proto2 schema declares the field; parsers read packed and unpacked alike
        for (long delta : n.deltas()) {
            h.sint64(POSITIVE_DELTA, delta);
        }
        return new ProtobufWriter()
                .string(FAMILY_NAME, MetricFamilies.LATENCY_NAME)
                .string(FAMILY_HELP, MetricFamilies.LATENCY_HELP)
                .uint64(FAMILY_TYPE, TYPE_HISTOGRAM)
                .message(FAMILY_METRIC, new ProtobufWriter().message(METRIC_HISTOGRAM, h));
    }
}
