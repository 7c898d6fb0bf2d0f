package dev.quiver.http3.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.channel.epoll.Epoll;
import org.junit.jupiter.api.Test;

/** Segmented sends are on where the kernel can segment, and {@code QUIVER_GSO=off} turns them off for packet captures. */
class SegmentedSendsTest {

    @Test
    void epollSendsUpTo64PacketsAMessageUnlessSwitchedOff() {
        Epoll.ensureAvailability();
        assertEquals(64, SegmentedSends.allocator(true, null).maxNumSegments());
        assertEquals(64, SegmentedSends.allocator(true, "on").maxNumSegments());
        assertEquals(0, SegmentedSends.allocator(true, "off").maxNumSegments());
        assertEquals(0, SegmentedSends.allocator(true, "OFF").maxNumSegments());
    }

    @Test
    void nioSendsADatagramAMessage() {
        assertEquals(0, SegmentedSends.allocator(false, null).maxNumSegments());
    }
}
