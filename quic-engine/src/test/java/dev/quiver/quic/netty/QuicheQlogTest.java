package dev.quiver.quic.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quiver.quic.testing.QlogFileCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** quiche's qlog (the newer drafts' schema) rewritten as the qlog 0.3 qvis loads. */
class QuicheQlogTest {

    @TempDir
    Path tmp;

    private static final String RS = "\u001e";

    @Test
    void rewritesHeaderNamesFrameLengthsAndAckRanges() throws Exception {
        Path qlog = tmp.resolve("quiver-x-netty-0001.sqlog");
        Path raw = QuicheQlog.rawFile(qlog);
        assertEquals("quiver-x-netty-0001.quiche.sqlog", raw.getFileName().toString());
        Files.writeString(raw, RS + "{\"file_schema\":\"urn:ietf:params:qlog:file:sequential\",\"serialization_format\":\"JSON-SEQ\","
                + "\"title\":\"quiver\",\"description\":\"d\",\"trace\":{\"common_fields\":{\"reference_time\":{\"clock_type\":\"monotonic\","
                + "\"epoch\":\"unknown\",\"wall_clock_time\":\"2026-12-02T15:13:48.349110644Z\"}},\"vantage_point\":{\"type\":\"client\"},"
                + "\"event_schemas\":[\"urn:ietf:params:qlog:events:quic-12\"]}}\n"
                + RS + "{\"time\":1.5,\"name\":\"quic:packet_sent\",\"data\":{\"header\":{\"packet_type\":\"initial\",\"packet_number\":0},"
                + "\"raw\":{\"length\":289},\"frames\":[{\"frame_type\":\"crypto\",\"offset\":0,\"raw\":{\"payload_length\":222}}]}}\n"
                + RS + "{\"time\":13.4,\"name\":\"quic:packet_received\",\"data\":{\"header\":{\"packet_type\":\"initial\",\"packet_number\":0},"
                + "\"frames\":[{\"frame_type\":\"ack\",\"acked_ranges\":[[0],[2,4]]}]}}\n"
                + RS + "{\"time\":13.4,\"name\":\"quic:recovery_metrics_updated\",\"data\":{\"smoothed_rtt\":11.6}}\n"
                + RS + "{\"time\":20.0,\"name\":\"quic:packet_sent\",\"data\":{\"hea"); // cut off: the process died
        QuicheQlog.rewrite(qlog);
        assertFalse(Files.exists(raw), "quiche's file is gone once rewritten");
        QlogFileCheck q = QlogFileCheck.read(qlog);
        JsonNode h = q.header();
        assertEquals(1796224428349.111, h.at("/trace/common_fields/reference_time").asDouble(), 0.001, h.toString());
        String text = Files.readString(qlog);
        assertTrue(text.contains("\"reference_time\":1796224428349.111,"), "milliseconds, no exponent: " + text);
        assertEquals("relative", h.at("/trace/common_fields/time_format").asText());
        assertTrue(h.at("/trace/event_schemas").isMissingNode(), h.toString());
        assertEquals(3, q.events().size(), "the cut-off record is dropped");
        assertEquals(1, q.count("transport:packet_sent"));
        assertEquals(1, q.count("transport:packet_received"));
        assertEquals(1, q.count("recovery:metrics_updated"));
        assertEquals(222, q.events().get(0).at("/data/frames/0/length").asInt(), "0.3's frame length");
        assertEquals("[[0,0],[2,4]]", q.events().get(1).at("/data/frames/0/acked_ranges").toString());
    }

    @Test
    void aConnectionWithoutAFileWritesNone() {
        Path qlog = tmp.resolve("quiver-x-netty-0002.sqlog");
        QuicheQlog.rewrite(qlog);
        assertFalse(Files.exists(qlog));
    }
}
