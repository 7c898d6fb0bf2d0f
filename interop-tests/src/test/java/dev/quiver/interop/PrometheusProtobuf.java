package dev.quiver.interop;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A reader of Prometheus' protobuf exposition format for tests (a stream of length-delimited
 * {@code io.prometheus.client.MetricFamily} messages; field numbers of client_model
 * {@code metrics.proto}), read with protobuf-java's wire decoder. Counters, gauges and a
 * histogram's classic part come out keyed as {@link PrometheusText#parse} keys them, so the two
 * pages compare with {@code equals}; a histogram's native part comes apart.
 */
final class PrometheusProtobuf {

    /** A native histogram: its schema, zero bucket and the count of each populated bucket by index. */
    record Native(int schema, double zeroThreshold, long zeroCount, TreeMap<Integer, Long> buckets) {

        long total() {
            return zeroCount + buckets.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    record Page(Map<String, Double> samples, Map<String, Native> natives) {
    }

    private PrometheusProtobuf() {
    }

    static Page parse(byte[] stream) throws IOException {
        Map<String, Double> samples = new LinkedHashMap<>();
        Map<String, Native> natives = new LinkedHashMap<>();
        CodedInputStream in = CodedInputStream.newInstance(stream);
        while (!in.isAtEnd()) {
            Map<Integer, List<Object>> family = fields(ByteString.copyFrom(in.readRawBytes(in.readRawVarint32())));
            String name = string(family, 1);
            long type = (Long) one(family, 3);
            for (Object m : family.getOrDefault(4, List.of())) {
                Map<Integer, List<Object>> metric = fields((ByteString) m);
                Map<String, String> labels = new LinkedHashMap<>();
                for (Object l : metric.getOrDefault(1, List.of())) {
                    Map<Integer, List<Object>> pair = fields((ByteString) l);
                    labels.put(string(pair, 1), string(pair, 2));
                }
                String key = name + (labels.isEmpty() ? "" : labels.toString());
                if (type == 0 || type == 1) {
                    samples.put(key, Double.longBitsToDouble((Long) one(fields((ByteString) one(metric, type == 0 ? 3 : 2)), 1)));
                } else if (type == 4) {
                    Map<Integer, List<Object>> h = fields((ByteString) one(metric, 7));
                    long count = (Long) one(h, 1);
                    for (Object b : h.getOrDefault(3, List.of())) {
                        Map<Integer, List<Object>> bucket = fields((ByteString) b);
                        samples.put(name + "_bucket{le=" + number(Double.longBitsToDouble((Long) one(bucket, 2))) + "}",
                                (double) (long) (Long) one(bucket, 1));
                    }
                    samples.put(name + "_bucket{le=+Inf}", (double) count);
                    samples.put(name + "_sum", Double.longBitsToDouble((Long) one(h, 2)));
                    samples.put(name + "_count", (double) count);
                    if (h.containsKey(5)) {
                        natives.put(name, nativePart(h));
                    }
                } else {
                    throw new IllegalArgumentException(name + ": type " + type);
                }
            }
        }
        return new Page(samples, natives);
    }

    private static Native nativePart(Map<Integer, List<Object>> h) throws IOException {
        TreeMap<Integer, Long> buckets = new TreeMap<>();
        List<Object> deltas = h.getOrDefault(13, List.of());
        int index = 0;
        int d = 0;
        long count = 0;
        for (Object s : h.getOrDefault(12, List.of())) {
            Map<Integer, List<Object>> span = fields((ByteString) s);
            index += (int) CodedInputStream.decodeZigZag64((Long) span.getOrDefault(1, List.of(0L)).get(0));
            long length = (Long) span.getOrDefault(2, List.of(0L)).get(0);
            for (long i = 0; i < length; i++) {
                count += CodedInputStream.decodeZigZag64((Long) deltas.get(d++));
                buckets.put(index++, count);
            }
        }
        if (d != deltas.size()) {
            throw new IllegalArgumentException(deltas.size() + " deltas for " + d + " buckets");
        }
        return new Native((int) CodedInputStream.decodeZigZag64((Long) one(h, 5)), Double.longBitsToDouble((Long) one(h, 6)),
                (Long) one(h, 7), buckets);
    }

    private static Map<Integer, List<Object>> fields(ByteString message) throws IOException {
        CodedInputStream in = message.newCodedInput();
        Map<Integer, List<Object>> f = new LinkedHashMap<>();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            Object v = switch (WireFormat.getTagWireType(tag)) {
                case WireFormat.WIRETYPE_VARINT -> in.readRawVarint64();
                case WireFormat.WIRETYPE_FIXED64 -> in.readRawLittleEndian64();
                case WireFormat.WIRETYPE_LENGTH_DELIMITED -> in.readBytes();
                default -> throw new IllegalArgumentException("wire type of tag " + tag);
            };
            f.computeIfAbsent(WireFormat.getTagFieldNumber(tag), k -> new ArrayList<>()).add(v);
        }
        return f;
    }

    private static Object one(Map<Integer, List<Object>> f, int field) {
        List<Object> v = f.getOrDefault(field, List.of());
        if (v.size() != 1) {
            throw new IllegalArgumentException("field " + field + " " + v.size() + " times");
        }
        return v.get(0);
    }

    private static String string(Map<Integer, List<Object>> f, int field) {
        return ((ByteString) one(f, field)).toStringUtf8();
    }

    /** A bound as the text page writes it: whole numbers without a point. */
    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
