package dev.quiver.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Ramps as a user runs them, against {@code quiver serve}: the requests started per interval
 * follow a rate ramp (the integral of the rate over the interval, computed here from the stages
 * as written), and a connection ramp opens its connections along its stages.
 */
class RampProcessTest {

    @RegisterExtension
    static final SharedServe SERVE = new SharedServe();

    /** The stages of the rate ramp, as {from, to, seconds}: 2 s up, 2 s held, 2 s down. */
    private static final double[][] RATE_STAGES = {{100, 300, 2}, {300, 300, 2}, {300, 100, 2}};

    @Test
    void eachIntervalStartsTheRequestsOfItsStretchOfTheRateRamp() throws Exception {
        var out = QuiverProcess.run(60, "run", "http://127.0.0.1:" + SERVE.get().plainPort + "/", "--http", "2",
                "-c", "8", "-p", "100", "--ramp", "2s:100->300,2s:300,2s:300->100", "--json");
        assertEquals(0, out.exitCode(), out.stderr());
        JsonNode j = new ObjectMapper().readTree(out.stdout());
        assertEquals("open", j.get("model").asText());
        assertEquals("rate", j.at("/ramp/kind").asText());
        assertEquals("2s:100->300,2s:300,2s:300->100", j.at("/ramp/text").asText());
        assertEquals(3, j.at("/ramp/stages").size());
        assertEquals(6.0, j.at("/parameters/duration_s").asDouble(), 1e-9, "-z is the stages' total");
        assertEquals(0, j.at("/requests/failed").asLong(), j.at("/errors").toString());
        double total = integral(0, 6);
        long requests = j.at("/requests/total").asLong();
        assertTrue(requests >= total * 0.85 && requests <= total + 2, "about " + total + " requests over the ramp: " + requests);

        // At the end of every interval, the requests started so far against the integral of the rate up to
        // then: never ahead of it (a schedule of the wrong shape, e.g. the mean rate from the start, is ahead
        // during the rise), and at most two seconds behind (with every core taken by other work, starts that
        // waited for the event loops were seen 1.5 s late; the exact figures per interval are SchedulerRampTest's).
        long start = j.at("/window/start_epoch_us").asLong();
        long started = 0;
        int checked = 0;
        for (JsonNode i : j.get("intervals")) {
            double a = (i.get("start_epoch_us").asLong() - start) / 1e6;
            double b = a + i.get("length_us").asLong() / 1e6;
            double inRamp = Math.min(b, 6);
            double expectedRate = inRamp > a ? integral(a, inRamp) / (inRamp - a) : 0;
            assertEquals(expectedRate, i.get("target_rps").asDouble(), 0.01 * expectedRate + 0.01,
                    "the interval's target is the ramp's mean rate over its part in the ramp: " + i);
            started += i.get("started").asLong();
            double due = integral(0, b);
            assertTrue(started <= due * 1.01 + 2, String.format("%d requests started by %.3f s, only %.1f were due: %s",
                    started, b, due, j.get("intervals")));
            assertTrue(started >= integral(0, b - 2) - 2, String.format("%d requests started by %.3f s, %.1f were due two "
                    + "seconds before: %s", started, b, integral(0, b - 2), j.get("intervals")));
            checked++;
        }
        assertTrue(checked >= 5, "intervals: " + j.get("intervals"));
    }

    @Test
    void aConnectionRampOpensItsConnectionsAlongItsStages() throws Exception {
        var out = QuiverProcess.run(60, "run", "http://127.0.0.1:" + SERVE.get().plainPort + "/", "--http", "2",
                "-p", "2", "--ramp-connections", "2s:1->8,2s:8,1s:8->2", "--json");
        assertEquals(0, out.exitCode(), out.stderr());
        JsonNode j = new ObjectMapper().readTree(out.stdout());
        assertEquals("closed", j.get("model").asText());
        assertEquals("connections", j.at("/ramp/kind").asText());
        assertEquals(8, j.at("/parameters/connections").asInt(), "the most connections a stage asks for");
        assertEquals(8, j.at("/connections/opened").asLong(), "each connection opened once: one let go is not replaced");
        assertEquals(0, j.at("/connections/lost").asLong());
        assertEquals(0, j.at("/requests/failed").asLong(), j.at("/errors").toString());

        long start = j.at("/window/start_epoch_us").asLong();
        int held = 0;
        int rising = 0;
        for (JsonNode i : j.get("intervals")) {
            double end = (i.get("start_epoch_us").asLong() + i.get("length_us").asLong() - start) / 1e6;
            long open = i.get("connections").asLong();
            if (end > 0.5 && end < 1.5) {
                rising++;
                assertTrue(open >= 2 && open <= 7, "connections open at " + end + " s, going from 1 to 8 in 2 s: " + open);
                assertTrue(i.get("target_connections").asDouble() < 8, i.toString());
            }
            if (end > 2.5 && end < 3.9) {
                held++;
                assertEquals(8, open, "connections open at " + end + " s, in the stage that holds 8");
            }
            double begin = (i.get("start_epoch_us").asLong() - start) / 1e6;
            if (begin >= 2 && end <= 4) {
                assertEquals(8, i.get("target_connections").asDouble(), 1e-9, i.toString());
            }
        }
        assertTrue(rising >= 1 && held >= 1, "intervals in the ramp up " + rising + ", in the hold " + held + ": "
                + j.get("intervals"));
    }

    /** Requests the rate stages schedule in {@code [from, to)} seconds: the integral of the rate. */
    private static double integral(double from, double to) {
        double sum = 0;
        double at = 0;
        for (double[] s : RATE_STAGES) {
            double a = Math.max(from, at);
            double b = Math.min(to, at + s[2]);
            if (b > a) {
                double slope = (s[1] - s[0]) / s[2];
                double ra = s[0] + slope * (a - at);
                double rb = s[0] + slope * (b - at);
                sum += (ra + rb) / 2 * (b - a);
            }
            at += s[2];
        }
        return sum;
    }
}
