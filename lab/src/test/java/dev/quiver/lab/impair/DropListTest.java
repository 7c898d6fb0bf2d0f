package dev.quiver.lab.impair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.lab.packet.Packets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DropListTest {

    @Test
    void theRunnersListAndItsRangeAreTheSame() {
        DropList list = DropList.parse("--drop-up", "2,3,4,5,6,7");
        assertEquals(DropList.parse("--drop-up", "2-7"), list);
        assertEquals("2-7", list.toString());
        assertEquals("1,3-5,9", DropList.parse("--drop", "9, 1,3-5").toString());
        assertTrue(!list.drops(1) && list.drops(2) && list.drops(7) && !list.drops(8));
    }

    @Test
    void badListsAreOneLineErrors() {
        for (String bad : new String[] {"", "0", "a", "3-2", "1,,2", "100001", "-3"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DropList.parse("--drop-up", bad), bad);
            assertTrue(e.getMessage().startsWith("--drop-up: ") && !e.getMessage().contains("\n"), e.getMessage());
        }
    }

    @Test
    void theNumberedUdpPacketsAreDroppedAndOthersAreNotNumbered() {
        DirectionCounters counters = new DirectionCounters();
        ImpairedDirection d = new ImpairedDirection("to_server", DirectionSpec.PERFECT.withDrops(DropList.parse("--drop-up", "2-3")),
                null, 7, 1500, counters);
        byte[] tcp = Packets.tcp("198.18.0.1", 4000, "198.19.0.1", 443, new byte[10]);
        d.offer(tcp, tcp.length, 0); // not UDP: not numbered, passes
        List<Directions.Out> out = new java.util.ArrayList<>();
        Directions.drain(d, 0, out);
        for (int i = 1; i <= 5; i++) {
            byte[] p = Directions.packet(i, 100);
            d.offer(p, p.length, 0);
            Directions.drain(d, 0, out);
        }
        assertEquals(4, out.size());
        assertEquals(List.of(1, 4, 5), out.subList(1, 4).stream().map(o -> Directions.seq(o.data())).toList());
        assertEquals(2, counters.get(Counter.DROPPED_LIST));
        assertEquals(6, counters.get(Counter.RECEIVED));
        assertEquals(3 * 100, counters.get(Counter.UDP_BYTES), "UDP payload bytes of what was forwarded");
    }
}
