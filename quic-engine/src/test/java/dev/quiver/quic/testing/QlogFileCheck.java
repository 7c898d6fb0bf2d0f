package dev.quiver.quic.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a qlog file as qvis does: JSON text sequences (RFC 7464), each record after a record
 * separator; the first is the header ({@code qlog_version}, {@code qlog_format} JSON-SEQ,
 * {@code trace}), every other one an event with {@code time}, {@code name} and {@code data}.
 */
public final class QlogFileCheck {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode header;
    private final List<JsonNode> events;

    private QlogFileCheck(JsonNode header, List<JsonNode> events) {
        this.header = header;
        this.events = events;
    }

    /** Parses {@code file}, failing the test on the first record that is not JSON or not qlog. */
    public static QlogFileCheck read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("\u001e"), file + ": a JSON text sequence starts with a record separator");
        List<JsonNode> records = new ArrayList<>();
        for (String r : text.split("\u001e")) {
            if (!r.isBlank()) {
                records.add(JSON.readTree(r));
            }
        }
        assertTrue(records.size() >= 2, file + ": a header and at least one event, got " + records.size() + " records");
        JsonNode header = records.get(0);
        assertEquals("0.3", header.path("qlog_version").asText(), file + ": qlog_version as qvis reads it: " + header);
        assertEquals("JSON-SEQ", header.path("qlog_format").asText(), file + ": " + header);
        assertTrue(header.path("trace").isObject(), file + ": one trace: " + header);
        assertEquals("client", header.path("trace").path("vantage_point").path("type").asText(), file + ": " + header);
        List<JsonNode> events = records.subList(1, records.size());
        double last = 0;
        for (JsonNode e : events) {
            assertTrue(e.path("time").asDouble() >= last, file + ": times never go back (qvis warns otherwise): " + e);
            last = e.path("time").asDouble();
            assertTrue(e.path("time").isNumber(), file + ": every event has a time: " + e);
            assertTrue(e.path("name").asText().contains(":"), file + ": every event is named category:type: " + e);
            assertTrue(e.path("data").isObject(), file + ": every event has data: " + e);
        }
        return new QlogFileCheck(header, List.copyOf(events));
    }

    public JsonNode header() {
        return header;
    }

    public List<JsonNode> events() {
        return events;
    }

    /** How many events have this name, e.g. {@code transport:packet_sent}. */
    public long count(String name) {
        return events.stream().filter(e -> e.path("name").asText().equals(name)).count();
    }
}
