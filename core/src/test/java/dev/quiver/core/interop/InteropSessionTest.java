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

    /** A case that does what it is told: pass, throw, hang, report nothing, or find the engine unable. */
    private record Scripted(String id, String does) implements InteropCase {
        @Override
        public String abbreviation() {
            return id.toUpperCase(java.util.Locale.ROOT);
        }

        @Override
        public String description() {
            return "scripted: " + does;
        }

        @Override
        public Outcome run(CaseRun run) throws Exception {
            return switch (does) {
                case "pass" -> Outcome.pass("version v1, ALPN h3");
                case "unsupported" -> throw new UnsupportedCase("speaks only v1");
                case "not shown" -> Outcome.notShown("the server sent no Retry");
                case "throw" -> throw new java.io.IOException("handshake failed", new IllegalStateException("no token"));
                case "hang" -> {
                    Thread.sleep(60_000);
                    yield Outcome.pass("never");
                }
                default -> null;
            };
        }
    }

    private static final InteropCase RETRY = new Scripted("retry", "throw");
    private static final InteropCase RESUMPTION = new Scripted("resumption", "hang");
    private static final InteropCase HANDSHAKE = new Scripted("handshake", "pass");
    private static final InteropCase V2 = new Scripted("v2", "unsupported");
    private static final InteropCase HTTP3 = new Scripted("http3", "nothing");
    private static final InteropCase GOAWAY = new Scripted("goaway", "not shown");

    /** An engine the scripted cases never ask for a client. */
    private static final class ScriptedEngine implements InteropEngine {
        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public String homepage() {
            return "https://example.org/scripted";
        }

        @Override
        public InteropClient client(InteropSettings settings, ClientOptions options) {
            throw new AssertionError("scripted cases open no connections");
        }
    }

    @Test
    void everyCellIsRunAndOneFailureOrHangDoesNotStopTheOthers() {
        List<CaseResult> seen = new ArrayList<>();
        InteropMatrix m = InteropSession.run(SETTINGS,
                List.of(RETRY, RESUMPTION, HANDSHAKE, V2, HTTP3),
                List.of(new ScriptedEngine()), seen::add);

        assertEquals(5, seen.size());
        assertEquals(Verdict.FAIL, m.cell(RETRY, "scripted").orElseThrow().verdict());
        assertEquals("handshake failed: no token", m.cell(RETRY, "scripted").orElseThrow().detail());
        CaseResult hung = m.cell(RESUMPTION, "scripted").orElseThrow();
        assertEquals(Verdict.FAIL, hung.verdict());
        assertTrue(hung.detail().startsWith("timed out after 0.5 s"), hung.detail());
        assertEquals(Verdict.PASS, m.cell(HANDSHAKE, "scripted").orElseThrow().verdict());
        assertEquals(Verdict.UNSUPPORTED, m.cell(V2, "scripted").orElseThrow().verdict());
        assertEquals(Verdict.FAIL, m.cell(HTTP3, "scripted").orElseThrow().verdict(), "a case that reports nothing fails");
        assertEquals(1, m.count(Verdict.PASS));
        assertFalse(m.allSupportedPassed());
    }

    @Test
    void unsupportedAndNotShownCasesDoNotFailTheMatrix() {
        InteropMatrix m = InteropSession.run(SETTINGS, List.of(HANDSHAKE, V2, GOAWAY),
                List.of(new ScriptedEngine()), r -> { });
        assertTrue(m.allSupportedPassed());
        assertEquals(1, m.count(Verdict.UNSUPPORTED));
        assertEquals(1, m.count(Verdict.NOT_SHOWN));
        assertEquals("speaks only v1", m.cell(V2, "scripted").orElseThrow().detail());
    }

    @Test
    void anEngineThatCannotRunHereMakesEveryCellUnsupported() {
        InteropEngine missing = new InteropEngine() {
            @Override
            public String name() {
                return "native";
            }

            @Override
            public String homepage() {
                return "https://example.org/native";
            }

            @Override
            public String unavailable() {
                return "its native library does not load here";
            }

            @Override
            public InteropClient client(InteropSettings settings, ClientOptions options) {
                throw new AssertionError("not available");
            }
        };
        InteropMatrix m = InteropSession.run(SETTINGS, List.of(HANDSHAKE), List.of(missing), r -> { });
        CaseResult c = m.cell(HANDSHAKE, "native").orElseThrow();
        assertEquals(Verdict.UNSUPPORTED, c.verdict());
        assertEquals("its native library does not load here", c.detail());
    }

    @Test
    void anInterruptedMatrixIsNeverAPass() {
        InteropMatrix m = new InteropMatrix("https://127.0.0.1:1/", List.of(HANDSHAKE, V2),
                List.of("scripted"), List.of(new CaseResult(HANDSHAKE, "scripted", Verdict.PASS, "v1", 1)));
        assertFalse(m.complete());
        assertFalse(m.allSupportedPassed());
    }

    @Test
    void caseNamesParseAsTheInteropRunnerWritesThem() {
        assertEquals("zerortt", InteropCases.parse("zerortt").id());
        assertEquals("keyupdate", InteropCases.parse(" KeyUpdate ").id());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> InteropCases.parse("0rtt"));
        assertTrue(e.getMessage().startsWith("unknown interop case '0rtt' (known: handshake, transfer"), e.getMessage());
    }
}
