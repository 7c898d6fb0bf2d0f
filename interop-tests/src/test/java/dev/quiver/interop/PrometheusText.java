package dev.quiver.interop;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format 0.0.4, for tests: every line must be a
 * {@code # HELP}, a {@code # TYPE} or a sample; names and label names as the format allows, label
 * values with only its three escapes, values as Go's ParseFloat reads them, one TYPE per family
 * before its samples, a family's samples together, counters not negative, a histogram's buckets
 * cumulative with {@code +Inf} equal to {@code _count}, and a line feed at the end. Anything else is
 * an {@link IllegalArgumentException} naming the line.
 */
final class PrometheusText {

    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") (.*)");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(\\{(.*)\\})? (\\S+)( -?\\d+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"");
    private static final Pattern FLOAT = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?|[+-]?Inf|NaN");

    /** One sample: its name, labels and value. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    private PrometheusText() {
    }

    /** Every sample of the page, in order, keyed as {@code name{a="b",...}}. */
    static Map<String, Double> parse(String page) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Sample s : samples(page)) {
            String key = s.name() + (s.labels().isEmpty() ? "" : s.labels().toString());
            if (out.put(key, s.value()) != null) {
                throw new IllegalArgumentException("the sample " + key + " appears twice");
            }
        }
        return out;
    }

    static List<Sample> samples(String page) {
        if (!page.endsWith("\n")) {
            throw new IllegalArgumentException("the page does not end with a line feed");
        }
        Map<String, String> types = new HashMap<>();
        Set<String> helped = new HashSet<>();
        Set<String> closedFamilies = new HashSet<>();
        String currentFamily = null;
        List<Sample> samples = new ArrayList<>();
        Map<String, Double> lastBucket = new HashMap<>();
        Map<String, Double> infBucket = new HashMap<>();
        Map<String, Double> counts = new HashMap<>();
        int n = 0;
        for (String line : page.substring(0, page.length() - 1).split("\n", -1)) {
            n++;
            String where = "line " + n + " '" + line + "': ";
            if (line.startsWith("#")) {
                Matcher h = HELP.matcher(line);
                Matcher t = TYPE.matcher(line);
                if (h.matches()) {
                    if (!helped.add(h.group(1))) {
                        throw new IllegalArgumentException(where + "a second HELP");
                    }
                    checkEscapes(where, h.group(2));
                } else if (t.matches()) {
                    if (types.put(t.group(1), t.group(2)) != null) {
                        throw new IllegalArgumentException(where + "a second TYPE");
                    }
                    if (samples.stream().anyMatch(s -> family(s.name(), types).equals(t.group(1)))) {
                        throw new IllegalArgumentException(where + "TYPE after samples of its family");
                    }
                } else {
                    throw new IllegalArgumentException(where + "a comment that is neither HELP nor TYPE");
                }
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            if (!m.matches()) {
                throw new IllegalArgumentException(where + "not a sample");
            }
            Map<String, String> labels = labels(where, m.group(3));
            String value = m.group(4);
            if (!FLOAT.matcher(value).matches()) {
                throw new IllegalArgumentException(where + "value '" + value + "' is not a float");
            }
            double v = value.endsWith("Inf") ? (value.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY)
                    : Double.parseDouble(value);
            String name = m.group(1);
            String fam = family(name, types);
            if (!fam.equals(currentFamily)) {
                if (currentFamily != null) {
                    closedFamilies.add(currentFamily);
                }
                if (closedFamilies.contains(fam)) {
                    throw new IllegalArgumentException(where + "samples of " + fam + " are not together");
                }
                currentFamily = fam;
            }
            String type = types.getOrDefault(fam, "untyped");
            if (type.equals("counter") && (v < 0 || Double.isNaN(v))) {
                throw new IllegalArgumentException(where + "a counter below 0");
            }
            if (type.equals("histogram")) {
                String series = fam + labelsWithout(labels, "le");
                if (name.equals(fam + "_bucket")) {
                    String le = labels.get("le");
                    if (le == null || !FLOAT.matcher(le).matches()) {
                        throw new IllegalArgumentException(where + "a bucket without a float le");
                    }
                    Double before = lastBucket.put(series, v);
                    if (before != null && v < before) {
                        throw new IllegalArgumentException(where + "buckets not cumulative");
                    }
                    if (le.equals("+Inf")) {
                        infBucket.put(series, v);
                    }
                } else if (name.equals(fam + "_count")) {
                    counts.put(series, v);
                } else if (!name.equals(fam + "_sum")) {
                    throw new IllegalArgumentException(where + "not a histogram's _bucket, _sum or _count");
                }
            }
            samples.add(new Sample(name, labels, v));
        }
        for (Map.Entry<String, Double> c : counts.entrySet()) {
            if (!c.getValue().equals(infBucket.get(c.getKey()))) {
                throw new IllegalArgumentException(c.getKey() + ": _count " + c.getValue() + " is not the +Inf bucket "
                        + infBucket.get(c.getKey()));
            }
        }
        return samples;
    }

    private static String family(String name, Map<String, String> types) {
        for (String suffix : new String[] {"_bucket", "_sum", "_count"}) {
            if (name.endsWith(suffix)) {
                String base = name.substring(0, name.length() - suffix.length());
                if ("histogram".equals(types.get(base)) || "summary".equals(types.get(base))) {
                    return base;
                }
            }
        }
        return name;
    }

    private static Map<String, String> labels(String where, String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        Matcher m = LABEL.matcher(text);
        int at = 0;
        while (at < text.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new IllegalArgumentException(where + "bad label at '" + text.substring(at) + "'");
            }
            if (out.put(m.group(1), m.group(2).replace("\\n", "\n").replace("\\\"", "\"").replace("\\\\", "\\")) != null) {
                throw new IllegalArgumentException(where + "label " + m.group(1) + " twice");
            }
            at = m.end();
            if (at < text.length()) {
                if (text.charAt(at) != ',') {
                    throw new IllegalArgumentException(where + "labels not separated by commas");
                }
                at++;
            }
        }
        return out;
    }

    private static String labelsWithout(Map<String, String> labels, String name) {
        Map<String, String> rest = new LinkedHashMap<>(labels);
        rest.remove(name);
        return rest.toString();
    }

    private static void checkEscapes(String where, String help) {
        for (int i = 0; i < help.length(); i++) {
            if (help.charAt(i) == '\\') {
                if (i + 1 >= help.length() || (help.charAt(i + 1) != '\\' && help.charAt(i + 1) != 'n')) {
                    throw new IllegalArgumentException(where + "HELP has an escape other than \\\\ and \\n");
                }
                i++;
            }
        }
    }
}
