package dev.quiver.core.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.core.engine.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InteropSessionTest {

    private static final InteropSettings SETTINGS =
            new InteropSettings(Target.parse("https://127.0.0.1:1/"), true, Duration.ofMillis(500));

    /** Passes the handshake, cannot do v2, throws on retry, hangs on resumption. */
    private static final class ScriptedRunner implements InteropRunner {
        @Override
        public String engine() {
            return "scripted";
        }

        @Override
        public Outcome run(InteropCase c, InteropSettings settings) throws Exception {
            return switch (c) {
                case HANDSHAKE -> Outcome.pass("version v1, ALPN h3");
                case V2 -> Outcome.unsupported("speaks only v1");
                case RETRY -> throw new java.io.IOException("handshake failed", new IllegalStateException("no token"));
                case RESUMPTION -> {
                    Thread.sleep(60_000);
                    yield Outcome.pass("never");
                }
                default -> null;
            };
        }
    }

    @Test
    void everyCellIsRunAndOneFailureOrHangDoesNotStopTheOthers() {
        List<CaseResult> seen = new ArrayList<>();
        InteropMatrix m = InteropSession.run(SETTINGS,
                List.of(InteropCase.RETRY, InteropCase.RESUMPTION, InteropCase.HANDSHAKE, InteropCase.V2, InteropCase.HTTP3),
                List.of(new ScriptedRunner()), seen::add);

        assertEquals(5, seen.size());
        assertEquals(Verdict.FAIL, m.cell(InteropCase.RETRY, "scripted").orElseThrow().verdict());
        assertEquals("handshake failed: no token", m.cell(InteropCase.RETRY, "scripted").orElseThrow().detail());
        CaseResult hung = m.cell(InteropCase.RESUMPTION, "scripted").orElseThrow();
        assertEquals(Verdict.FAIL, hung.verdict());
        assertTrue(hung.detail().startsWith("timed out after 0.5 s"), hung.detail());
        assertEquals(Verdict.PASS, m.cell(InteropCase.HANDSHAKE, "scripted").orElseThrow().verdict());
        assertEquals(Verdict.UNSUPPORTED, m.cell(InteropCase.V2, "scripted").orElseThrow().verdict());
        assertEquals(Verdict.FAIL, m.cell(InteropCase.HTTP3, "scripted").orElseThrow().verdict(), "a case that reports nothing fails");
        assertEquals(1, m.count(Verdict.PASS));
        assertFalse(m.allSupportedPassed());
    }

    @Test
    void unsupportedCasesDoNotFailTheMatrix() {
        InteropMatrix m = InteropSession.run(SETTINGS, List.of(InteropCase.HANDSHAKE, InteropCase.V2),
                List.of(new ScriptedRunner()), r -> { });
        assertTrue(m.allSupportedPassed());
        assertEquals(1, m.count(Verdict.UNSUPPORTED));
    }

    @Test
    void anInterruptedMatrixIsNeverAPass() {
        InteropMatrix m = new InteropMatrix("https://127.0.0.1:1/", List.of(InteropCase.HANDSHAKE, InteropCase.V2),
                List.of("scripted"), List.of(new CaseResult(InteropCase.HANDSHAKE, "scripted", Verdict.PASS, "v1", 1)));
        assertFalse(m.complete());
        assertFalse(m.allSupportedPassed());
    }

    @Test
    void caseNamesParseAsTheInteropRunnerWritesThem() {
        assertEquals(InteropCase.ZERORTT, InteropCase.parse("zerortt"));
        assertEquals(InteropCase.KEYUPDATE, InteropCase.parse(" KeyUpdate "));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> InteropCase.parse("0rtt"));
        assertTrue(e.getMessage().startsWith("unknown interop case '0rtt' (known: handshake, transfer"), e.getMessage());
    }
}
