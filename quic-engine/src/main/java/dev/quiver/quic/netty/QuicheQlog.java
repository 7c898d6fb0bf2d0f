package dev.quiver.quic.netty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Rewrites a qlog file as quiche writes it into the qlog version qvis reads. The quiche in Netty's
 * QUIC codec writes the current IETF drafts' form (a header with {@code file_schema}, events named
 * {@code quic:packet_sent}, a reference time as a struct); qvis loads JSON text sequences only
 * with a {@code qlog_version} it knows (0.3) and draws events by their 0.3 names
 * ({@code transport:packet_sent}, {@code recovery:metrics_updated}). The events' data stays as
 * quiche wrote it, but for frame lengths, which 0.3 has as {@code length} beside quiche's
 * {@code raw.payload_length}, and single-packet ACK ranges, which 0.3 writes as {@code [n, n]}.
 *
 * <p>One record at a time: memory does not grow with the file. A record that is not JSON (the
 * last one of a file cut off when the process died) is dropped, as qvis would skip it.
 */
public final class QuicheQlog {

    /** Numbers as written, never in exponent notation (the reference time is some 1.8e12 ms). */
    private static final ObjectMapper JSON = JsonMapper.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();
    private static final char RS = '\u001e';

    /** Event names of quiche's schema whose 0.3 category is not the default {@code transport}. */
    private static final Map<String, String> RENAMED = Map.ofEntries(
            Map.entry("quic:recovery_metrics_updated", "recovery:metrics_updated"),
            Map.entry("quic:recovery_parameters_set", "recovery:parameters_set"),
            Map.entry("quic:congestion_state_updated", "recovery:congestion_state_updated"),
            Map.entry("quic:loss_timer_updated", "recovery:loss_timer_updated"),
            Map.entry("quic:packet_lost", "recovery:packet_lost"),
            Map.entry("quic:marked_for_retransmit", "recovery:marked_for_retransmit"),
            Map.entry("quic:stream_data_moved", "transport:data_moved"),
            Map.entry("quic:connection_started", "connectivity:connection_started"),
            Map.entry("quic:connection_closed", "connectivity:connection_closed"),
            Map.entry("quic:connection_id_updated", "connectivity:connection_id_updated"),
            Map.entry("quic:connection_state_updated", "connectivity:connection_state_updated"),
            Map.entry("quic:spin_bit_updated", "connectivity:spin_bit_updated"),
            Map.entry("quic:key_updated", "security:key_updated"),
            Map.entry("quic:key_discarded", "security:key_discarded"));

    private QuicheQlog() {
    }

    /** Where quiche writes the qlog that becomes {@code qlog}: beside it, until {@link #rewrite} makes it qvis's. */
    public static Path rawFile(Path qlog) {
        String name = qlog.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return qlog.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".quiche" + (dot > 0 ? name.substring(dot) : ""));
    }

    /**
     * Writes quiche's file ({@link #rawFile}) as qlog 0.3 into {@code qlog}, then deletes it; call
     * it once quiche freed the connection (it flushes the file then). Quiche's file stays where
     * the rewrite fails. A connection that never got as far as its first packet has no file:
     * nothing is written.
     */
    public static void rewrite(Path qlog) {
        try {
            convert(rawFile(qlog), qlog);
        } catch (IOException e) {
            // quiche's own file stays (valid qlog of the newer drafts); the report counts no file for it
        }
    }

    static void convert(Path from, Path to) throws IOException {
        if (!Files.isRegularFile(from)) {
            return;
        }
        try (BufferedReader in = Files.newBufferedReader(from, StandardCharsets.UTF_8);
             BufferedWriter out = Files.newBufferedWriter(to, StandardCharsets.UTF_8)) {
            StringBuilder record = new StringBuilder();
            boolean header = true;
            String line;
            while ((line = in.readLine()) != null) {
                int rs = line.indexOf(RS);
                if (rs >= 0) {
                    header = flush(record, header, out);
                    record.setLength(0);
                    line = line.substring(rs + 1);
                }
                record.append(line).append('\n');
            }
            flush(record, header, out);
        }
        Files.delete(from);
    }

    /** Writes one record if it holds one; returns whether the header is still to come. */
    private static boolean flush(CharSequence record, boolean header, BufferedWriter out) throws IOException {
        String text = record.toString().strip();
        if (text.isEmpty()) {
            return header;
        }
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return header;
        }
        if (!(node instanceof ObjectNode o)) {
            return header;
        }
        out.write(RS);
        out.write(JSON.writeValueAsString(header ? header(o) : event(o)));
        out.write('\n');
        return false;
    }

    private static ObjectNode header(ObjectNode h) {
        ObjectNode out = JSON.createObjectNode();
        out.put("qlog_version", "0.3");
        out.put("qlog_format", "JSON-SEQ");
        copy(h, out, "title");
        copy(h, out, "description");
        ObjectNode trace = h.path("trace") instanceof ObjectNode t ? t.deepCopy() : JSON.createObjectNode();
        trace.remove("event_schemas");
        ObjectNode common = trace.path("common_fields") instanceof ObjectNode c ? c : trace.putObject("common_fields");
        JsonNode ref = common.path("reference_time");
        if (ref.isObject()) {
            // 0.3: milliseconds since the Unix epoch; event times are relative to it.
            common.put("reference_time", epochMillis(ref.path("wall_clock_time").asText()));
        }
        common.put("time_format", "relative");
        common.putArray("protocol_type").add("QUIC").add("HTTP3");
        ObjectNode vantage = trace.path("vantage_point") instanceof ObjectNode v ? v : trace.putObject("vantage_point");
        vantage.put("name", "quiver netty");
        out.set("trace", trace);
        return out;
    }

    private static BigDecimal epochMillis(String wallClock) {
        try {
            Instant t = Instant.parse(wallClock);
            return BigDecimal.valueOf(t.toEpochMilli()).add(BigDecimal.valueOf(t.getNano() % 1_000_000, 6))
                    .setScale(3, RoundingMode.HALF_UP);
        } catch (DateTimeParseException e) {
            return BigDecimal.ZERO;
        }
    }

    private static ObjectNode event(ObjectNode e) {
        String name = e.path("name").asText();
        String renamed = RENAMED.get(name);
        if (renamed == null) {
            renamed = name.startsWith("quic:") ? "transport:" + name.substring(5)
                    : name.startsWith("http3:") ? "http:" + name.substring(6) : name;
        }
        e.put("name", renamed);
        if (e.path("data").path("frames") instanceof ArrayNode frames) {
            for (JsonNode f : frames) {
                if (f instanceof ObjectNode frame) {
                    frame(frame);
                }
            }
        }
        return e;
    }

    private static void frame(ObjectNode f) {
        JsonNode payload = f.path("raw").path("payload_length");
        if (!f.has("length") && payload.isNumber()) {
            f.set("length", payload);
        }
        if (f.path("acked_ranges") instanceof ArrayNode ranges) {
            for (JsonNode r : ranges) {
                if (r instanceof ArrayNode range && range.size() == 1) {
                    range.add(range.get(0));
                }
            }
        }
    }

    private static void copy(ObjectNode from, ObjectNode to, String field) {
        JsonNode v = from.get(field);
        if (v != null) {
            to.set(field, v);
        }
    }
}
