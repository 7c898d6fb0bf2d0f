package dev.quiver.lab.impair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.lab.link.LinkFlags;
import dev.quiver.lab.link.LinkSpec;
import org.junit.jupiter.api.Test;

/** The interop runner's drop-rate and corrupt-rate: independent hits, never more than N in a row. */
class CappedRunLossTest {

    @Test
    void neverMoreThanThreeInARowAndAboutTheRateAsked() {
        LossModel m = LossModel.of(0.3, 0, 3, RandomStreams.of(7, "to_server.loss"));
        int run = 0;
        int longest = 0;
        int hit = 0;
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            if (m.lose()) {
                hit++;
                longest = Math.max(longest, ++run);
            } else {
                run = 0;
            }
        }
        assertEquals(3, longest);
        // The cap forces a pass after three hits: 0.3 minus the runs it cuts (0.3^4 of the packets, about 0.8%).
        double share = hit / (double) n;
        assertTrue(share > 0.28 && share < 0.30, "share " + share);
    }

    @Test
    void theLabsFlagsAndWhatTheReportSays() {
        LinkSpec s = new LinkFlags().set("loss", "30%").set("loss-max-run", "3").set("corrupt", "30%").set("corrupt-max-run-down", "2")
                .build(7, 1500);
        assertEquals(3, s.toServer().lossMaxRun());
        assertEquals(0, s.toServer().corruptMaxRun());
        assertEquals(2, s.toClient().corruptMaxRun());
        assertTrue(s.summary().contains("loss 30%, at most 3 in a row"), s.summary());
        assertTrue(s.summary().contains("corrupt 30%, at most 2 in a row"), s.summary());
        assertEquals("--loss-burst (mean burst) and --loss-max-run (the runner's cap) exclude each other",
                org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                        () -> new LinkFlags().set("loss", "3%").set("loss-burst", "3").set("loss-max-run", "3").build(7, 1500)).getMessage());
    }

    @Test
    void cappedCorruptionChangesAtMostThreePacketsInARow() {
        Corruption c = new Corruption(0.5, 3, RandomStreams.of(3, "to_client.corrupt"));
        byte[] udp = dev.quiver.lab.packet.Packets.udp("198.18.0.1", 5000, "198.19.0.1", 443, new byte[100]);
        int run = 0;
        int longest = 0;
        for (int i = 0; i < 10_000; i++) {
            byte[] p = udp.clone();
            if (c.apply(p, p.length)) {
                longest = Math.max(longest, ++run);
            } else {
                run = 0;
            }
        }
        assertEquals(3, longest);
    }
}
