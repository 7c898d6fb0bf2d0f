package dev.quiver.core.threshold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.core.report.Metric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Threshold#parse}: every figure, operator and unit, and one clear line for everything else. */
class ThresholdParserTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "p99<50ms|latency.p99|<|50",
        "p99.9 <= 1.5s|latency.p99.9|<=|1500",
        "latency.p50<800us|latency.p50|<|0.8",
        "first_byte.p90<20ms|first_byte.p90|<|20",
        "connect.max<1s|connect.max|<|1000",
        "tls_handshake.p99<100ms|tls_handshake.p99|<|100",
        "quic_handshake.mean<2m|quic_handshake.mean|<|120000",
        "max<250ms|latency.max|<|250",
        "p100<1ms|latency.max|<|1",
        "mean>=0.5ms|latency.mean|>=|0.5",
        "rps>1900|rps|>|1900",
        "rps >= 10.5|rps|>=|10.5",
        "error_rate<0.1%|error_rate|<|0.001",
        "error_rate<=0.02|error_rate|<=|0.02",
        "success_rate>99.9%|success_rate|>|0.999",
        "errors<1|errors|<|1",
        "errors{timed_out}<=3|errors{timed_out}|<=|3",
        "errors{reset_by_peer: RST_STREAM INTERNAL_ERROR (0x2)}<5|errors{reset_by_peer: RST_STREAM INTERNAL_ERROR (0x2)}|<|5",
        "client_bound==false|client_bound|==|0",
        "client_bound == true|client_bound|==|1",
    })
    void readsEveryFigure(String text, String figure, String op, double limit) {
        Threshold t = Threshold.parse(text);
        assertEquals(figure, t.figure().name());
        assertEquals(op, t.operator().symbol());
        assertEquals(limit, t.limit(), 1e-12);
        assertEquals(text.trim(), t.text());
    }

    @Test
    void aBarePercentileIsOfLatency() {
        Figure f = Threshold.parse("p99.99<1s").figure();
        assertEquals(Metric.LATENCY, f.metric());
        assertEquals(99.99, f.percentile());
        assertNull(f.category());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "p99 50ms|expected FIGURE OP VALUE",
        "p99<50|a duration needs its unit",
        "p99<fast|is not a duration",
        "p98x<1ms|unknown figure 'p98x'",
        "p0<1ms|a percentile is above 0",
        "p101<1ms|a percentile is above 0",
        "latncy.p99<1ms|unknown histogram 'latncy'",
        "error_rate<5|a rate is a percentage (5%)",
        "error_rate<120%|at most 100%",
        "errors<1.5|a whole number",
        "errors{}<1|needs a category",
        "client_bound<1|write client_bound==false",
        "client_bound==maybe|true or false",
        "rps==100|== is for client_bound only",
        "rps>-5|is not a number",
        "<50ms|expected FIGURE OP VALUE",
    })
    void refusesWithOneLineNamingWhatIsWrong(String text, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Threshold.parse(text));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().startsWith("threshold '"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void refusesAnEmptyOne(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Threshold.parse(text));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }
}
