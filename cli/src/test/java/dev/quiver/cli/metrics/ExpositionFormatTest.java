package dev.quiver.cli.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Protobuf only for a scrape that asks for the delimited MetricFamily stream and prefers it to text. */
class ExpositionFormatTest {

    private static final String PROTO = "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited";

    @Test
    void prometheusWithNativeHistogramsGetsProtobuf() {
        // the header Prometheus sends when PrometheusProto is first in scrape_protocols
        assertEquals(ExpositionFormat.PROTOBUF, ExpositionFormat.of(PROTO + ";q=0.5,application/openmetrics-text;version=1.0.0;q=0.4,"
                + "application/openmetrics-text;version=0.0.1;q=0.3,text/plain;version=0.0.4;q=0.2,*/*;q=0.1"));
        assertEquals(ExpositionFormat.PROTOBUF, ExpositionFormat.of(PROTO));
        assertEquals(ExpositionFormat.PROTOBUF, ExpositionFormat.of(
                "Application/Vnd.Google.Protobuf; proto=\"io.prometheus.client.MetricFamily\"; encoding=delimited"));
    }

    @Test
    void everythingElseGetsText() {
        assertEquals(ExpositionFormat.TEXT, ExpositionFormat.of(null));
        assertEquals(ExpositionFormat.TEXT, ExpositionFormat.of(""));
        assertEquals(ExpositionFormat.TEXT, ExpositionFormat.of("*/*"));
        assertEquals(ExpositionFormat.TEXT, ExpositionFormat.of("text/html,application/xhtml+xml,*/*;q=0.8"));
        // text preferred to protobuf (PrometheusText0.0.4 first in scrape_protocols)
        assertEquals(ExpositionFormat.TEXT, ExpositionFormat.of("text/plain;version=0.0.4;q=0.5," + PROTO + ";q=0.4"));
        // not the delimited MetricFamily stream
        assertEquals(ExpositionFormat.TEXT, ExpositionFormat.of(
                "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=text"));
        assertEquals(ExpositionFormat.TEXT, ExpositionFormat.of("application/vnd.google.protobuf;proto=other.Message;encoding=delimited"));
        assertEquals(ExpositionFormat.TEXT, ExpositionFormat.of("application/vnd.google.protobuf"));
        assertEquals(ExpositionFormat.TEXT, ExpositionFormat.of(PROTO + ";q=0"));
        assertEquals(ExpositionFormat.TEXT, ExpositionFormat.of(PROTO + ";q=bad"));
        assertEquals(ExpositionFormat.TEXT, ExpositionFormat.of("application/openmetrics-text;version=1.0.0"));
    }
}
