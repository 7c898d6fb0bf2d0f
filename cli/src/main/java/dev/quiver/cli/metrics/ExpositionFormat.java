package dev.quiver.cli.metrics;

import java.util.Locale;

/**
 * The two formats the page is served in, and which one a scrape gets from its {@code Accept}
 * header: protobuf when the header names the delimited {@code io.prometheus.client.MetricFamily}
 * media type with a quality at least that of anything the text page satisfies ({@code text/plain},
 * {@code text/*}, {@code *}{@code /*}); the text page otherwise (no header, a browser, curl).
 * Prometheus asks for protobuf first when its {@code scrape_protocols} put {@code PrometheusProto}
 * first, which {@code --enable-feature=native-histograms} does.
 */
enum ExpositionFormat {
    TEXT, PROTOBUF;

    private static final String PROTOBUF_TYPE = "application/vnd.google.protobuf";
    private static final String MESSAGE = "io.prometheus.client.MetricFamily";

    static ExpositionFormat of(String accept) {
        if (accept == null) {
            return TEXT;
        }
        double protobuf = 0;
        double text = 0;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].trim().toLowerCase(Locale.ROOT);
            double q = 1;
            String proto = null;
            String encoding = null;
            for (int i = 1; i < parts.length; i++) {
                int eq = parts[i].indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String key = parts[i].substring(0, eq).trim().toLowerCase(Locale.ROOT);
                String value = unquote(parts[i].substring(eq + 1).trim());
                switch (key) {
                    case "q" -> q = quality(value);
                    case "proto" -> proto = value;
                    case "encoding" -> encoding = value;
                    default -> {
                    }
                }
            }
            if (type.equals(PROTOBUF_TYPE) && MESSAGE.equals(proto) && "delimited".equals(encoding)) {
                protobuf = Math.max(protobuf, q);
            } else if (type.equals("text/plain") || type.equals("text/*") || type.equals("*/*")) {
                text = Math.max(text, q);
            }
        }
        return protobuf > 0 && protobuf >= text ? PROTOBUF : TEXT;
    }

    private static String unquote(String v) {
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }

    /** A q value; one that does not parse counts as 0 (not acceptable), as a malformed range should not win. */
    private static double quality(String v) {
        try {
            double q = Double.parseDouble(v);
            return q >= 0 && q <= 1 ? q : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
