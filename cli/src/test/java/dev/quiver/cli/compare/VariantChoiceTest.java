package dev.quiver.cli.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.cli.UsageException;
import dev.quiver.core.engine.Engine;
import dev.quiver.core.engine.EngineConfig;
import dev.quiver.core.engine.EngineProvider;
import dev.quiver.core.engine.Protocol;
import dev.quiver.core.engine.Target;
import dev.quiver.core.stream.StreamTracker;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which variants compare runs: every registered engine per protocol, or those the user names. */
class VariantChoiceTest {

    /** Stands for a registered engine; choosing variants reads its name and protocols and never creates one. */
    private record Registered(String name, Set<Protocol> protocols, boolean isDefault) implements EngineProvider {
        @Override
        public boolean isDefaultFor(Protocol protocol) {
            return isDefault;
        }

        @Override
        public Engine create(EngineConfig config, StreamTracker tracker) {
            throw new AssertionError("choosing the variants created an engine for " + config.target().url());
        }
    }

    private static final EngineProvider TCP = new Registered("netty", Set.of(Protocol.HTTP_1_1, Protocol.HTTP_2), true);
    private static final EngineProvider H3_NETTY = new Registered("netty", Set.of(Protocol.HTTP_3), true);
    private static final EngineProvider H3_KWIK = new Registered("kwik", Set.of(Protocol.HTTP_3), false);
    private static final Target HTTPS = Target.parse("https://127.0.0.1:8443/");
    private static final Target HTTP = Target.parse("http://127.0.0.1:8080/");

    private static List<String> labels(List<Variant> vs) {
        return vs.stream().map(Variant::label).toList();
    }

    @Test
    void everyRegisteredEngineOfEveryProtocol() {
        assertEquals(List.of("h1/netty", "h2/netty", "h3/netty", "h3/kwik"),
                labels(VariantChoice.select(HTTPS, null, null, List.of(TCP, H3_KWIK, H3_NETTY))));
        assertEquals(List.of("h1/netty", "h2/netty", "h3/netty"),
                labels(VariantChoice.select(HTTPS, null, null, List.of(TCP, H3_NETTY))));
    }

    @Test
    void cleartextUrlLeavesHttp3Out() {
        assertEquals(List.of("h1/netty", "h2/netty"), labels(VariantChoice.select(HTTP, null, null, List.of(TCP, H3_NETTY))));
        UsageException e = assertThrows(UsageException.class,
                () -> VariantChoice.select(HTTP, "2,3", null, List.of(TCP, H3_NETTY)));
        assertTrue(e.getMessage().contains("HTTP/3 needs an https:// URL"), e.getMessage());
    }

    @Test
    void protocolsAndEnginesNarrowTheChoice() {
        assertEquals(List.of("h3/netty", "h3/kwik"),
                labels(VariantChoice.select(HTTPS, "3", "netty,kwik", List.of(TCP, H3_NETTY, H3_KWIK))));
        assertEquals(List.of("h2/netty", "h3/netty", "h3/kwik"),
                labels(VariantChoice.select(HTTPS, "h2,3", "kwik,netty", List.of(TCP, H3_NETTY, H3_KWIK))));
        assertEquals(List.of("h3/kwik"), labels(VariantChoice.select(HTTPS, "2,3", "kwik", List.of(TCP, H3_NETTY, H3_KWIK))));
        assertEquals(List.of("h3/kwik"), labels(VariantChoice.select(HTTPS, "3", "KWIK", List.of(TCP, H3_NETTY, H3_KWIK))));
    }

    @Test
    void anUnregisteredEngineIsOneClearError() {
        UsageException e = assertThrows(UsageException.class,
                () -> VariantChoice.select(HTTPS, null, "netty,kwik", List.of(TCP, H3_NETTY)));
        assertEquals("no engine 'kwik' registered for HTTP/1.1, HTTP/2, HTTP/3 (registered: netty)", e.getMessage());
        UsageException notForProtocol = assertThrows(UsageException.class,
                () -> VariantChoice.select(HTTPS, "1.1", "kwik", List.of(TCP, H3_NETTY, H3_KWIK)));
        assertTrue(notForProtocol.getMessage().startsWith("no engine 'kwik' registered for HTTP/1.1"), notForProtocol.getMessage());
        assertThrows(UsageException.class, () -> VariantChoice.select(HTTPS, "1.1,4", null, List.of(TCP)));
    }
}
