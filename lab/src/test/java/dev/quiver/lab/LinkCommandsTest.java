package dev.quiver.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.lab.link.LinkSpec;
import org.junit.jupiter.api.Test;

class LinkCommandsTest {

    private static final LinkSpec OWN = new LinkSpec(dev.quiver.lab.impair.DirectionSpec.PERFECT,
            dev.quiver.lab.impair.DirectionSpec.PERFECT, null, 0, 0, 7, 1400, null);

    @Test
    void aCasesImpairmentsOnThePerfectLinkWithTheLabsSeedAndMtu() {
        LinkSpec s = LinkCommands.parse("rtt=1500ms", OWN);
        assertEquals(750_000_000L, s.toServer().delayNanos());
        assertEquals(750_000_000L, s.toClient().delayNanos());
        assertEquals(7, s.seed());
        assertEquals(1400, s.mtu());
        LinkSpec loss = LinkCommands.parse("loss=2% loss-burst=3", OWN);
        assertEquals(0.02, loss.toClient().loss(), 1e-9);
        assertEquals(3, loss.toServer().lossBurst(), 1e-9);
        assertEquals(0, loss.toClient().delayNanos());
    }

    @Test
    void aBadRequestIsRefusedInWords() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LinkCommands.parse("rtt 1500ms", OWN));
        assertTrue(e.getMessage().contains("expected NAME=VALUE, got 'rtt'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LinkCommands.parse("warp=9", OWN));
        assertTrue(e.getMessage().contains("unknown link flag --warp"), e.getMessage());
    }
}
