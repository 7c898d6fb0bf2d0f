package dev.quiver.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.server.fault.FaultSwitches;
import dev.quiver.server.fault.InjectedLeaks;
import dev.quiver.server.route.WwwDirectory;
import org.junit.jupiter.api.Test;

class ReferenceServerConfigTest {

    /** The smallest server configuration: only what every reference server has. */
    record PlainConfig(String host, int threads, FaultSwitches faults, InjectedLeaks leaks, WwwDirectory www)
            implements ReferenceServerConfig {
        PlainConfig {
            ReferenceServerConfig.validate(host, threads, faults, leaks);
        }
    }

    static final class PlainBuilder extends ReferenceServerConfig.Builder<PlainBuilder> {
        @Override
        protected PlainBuilder self() {
            return this;
        }

        PlainConfig build() {
            return new PlainConfig(host(), threads(), faults(), leaks(), www());
        }
    }

    @Test
    void defaultsAreLoopbackOneThreadPerProcessorNoFaultsNoLeaks() {
        PlainConfig config = new PlainBuilder().build();
        assertEquals("127.0.0.1", config.host());
        assertEquals(Runtime.getRuntime().availableProcessors(), config.threads());
        assertEquals(FaultSwitches.NONE, config.faults());
        assertFalse(config.faultsEnabled());
        assertSame(InjectedLeaks.NONE, config.leaks());
    }

    @Test
    void settersAndFromCarryEveryCommonSetting() {
        InjectedLeaks leaks = new InjectedLeaks(10, false, false);
        PlainConfig config = new PlainBuilder().host("::1").threads(3)
                .goawayEvery(1).closeEvery(2).resetEvery(3).stallEvery(4).silentCloseEvery(5).leaks(leaks).build();
        assertEquals(new FaultSwitches(1, 2, 3, 4, 5), config.faults());
        assertTrue(config.faultsEnabled());
        assertEquals(config, new PlainBuilder().from(config).build());
    }

    @Test
    void ipv6HostIsBracketedInUris() {
        assertEquals("[::1]", new PlainBuilder().host("::1").build().hostForUri());
        assertEquals("[::1]", new PlainBuilder().host("[::1]").build().hostForUri());
        assertEquals("127.0.0.1", new PlainBuilder().build().hostForUri());
    }

    @Test
    void badValuesAreRejectedWithTheirName() {
        assertEquals("host must not be empty",
                assertThrows(IllegalArgumentException.class, () -> new PlainBuilder().host(" ").build()).getMessage());
        assertEquals("threads must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> new PlainBuilder().threads(0).build()).getMessage());
        assertEquals("stallEvery must be >= 0 (0 = off), got -2",
                assertThrows(IllegalArgumentException.class, () -> new PlainBuilder().stallEvery(-2).build()).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PlainBuilder().leaks(null).build());
    }
}
