package dev.quiver.core.interop.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.core.interop.Outcome;
import dev.quiver.core.interop.Verdict;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoodputTest {

    @TempDir
    Path www;

    @Test
    void measuresTheDownloadOverTheRunnersTenMegabitLink() throws Exception {
        FakeEngine e = new FakeEngine();
        e.link = new FakeLink();
        e.caseSettings = Map.of("goodput.bytes", 200_000L);
        e.getMillis = 100; // 1.6 Mbit in 0.1 s: about 16000 kbit/s
        Outcome o = e.run(new Goodput(), www);
        assertEquals(Verdict.PASS, o.verdict(), o.detail());
        assertEquals(List.of("set rtt=30ms rate=10mbit queue=25p", "restore"), e.link.calls);
        assertNotNull(o.measurement());
        assertEquals("kbps", o.measurement().unit());
        assertTrue(o.measurement().value() > 10_000 && o.measurement().value() <= 16_000, o.toString());
        assertTrue(o.detail().matches(".*goodput \\d+ kbit/s \\(200000 bytes in \\d+ ms.*byte-exact.*"), o.detail());
        assertTrue(new Goodput().measurement());
    }

    @Test
    void aWrongDownloadIsNoValidMeasurement() throws Exception {
        FakeEngine e = new FakeEngine();
        e.link = new FakeLink();
        e.caseSettings = Map.of("goodput.bytes", 2000L);
        e.status = 500;
        Outcome o = e.run(new Goodput(), www);
        assertEquals(Verdict.FAIL, o.verdict());
        assertNotNull(o.measurement());
    }
}
