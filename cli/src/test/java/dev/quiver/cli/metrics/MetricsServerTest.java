package dev.quiver.cli.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The page's content negotiation over HTTP: the Accept header picks the format, and the two carry the same figures. */
class MetricsServerTest {

    @Test
    void theAcceptHeaderPicksTextOrProtobuf() throws Exception {
        LiveMetrics metrics = new LiveMetrics("u");
        metrics.accept(LiveMetricsTest.sample(2, 0, LiveMetricsTest.latencies(1_000, 2_000), Map.of()));
        try (MetricsServer server = MetricsServer.start(new InetSocketAddress("127.0.0.1", 0), metrics);
             HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<byte[]> text = client.send(HttpRequest.newBuilder(URI.create(server.url())).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, text.statusCode());
            assertEquals(MetricsPage.CONTENT_TYPE, text.headers().firstValue("Content-Type").orElseThrow());
            assertEquals(metrics.page(), new String(text.body(), StandardCharsets.UTF_8));
            HttpResponse<byte[]> proto = client.send(HttpRequest.newBuilder(URI.create(server.url()))
                    .header("Accept", ProtobufPage.CONTENT_TYPE + ";q=0.5,text/plain;version=0.0.4;q=0.2").build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, proto.statusCode());
            assertEquals(ProtobufPage.CONTENT_TYPE, proto.headers().firstValue("Content-Type").orElseThrow());
            assertTrue(java.util.Arrays.equals(metrics.protobufPage(), proto.body()));
            assertEquals("quiver_run_info", ProtobufFields.parseDelimited(proto.body()).get(0).string(1));
        }
    }
}
