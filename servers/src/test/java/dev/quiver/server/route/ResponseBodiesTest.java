package dev.quiver.server.route;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResponseBodiesTest {

    @Test
    void fixedBodiesAreTheRoutesText() {
        for (Route.Fixed route : Route.Fixed.values()) {
            assertEquals(route.body(), text(ResponseBodies.body(route)));
            assertEquals(route.body().length(), ResponseBodies.length(route));
        }
    }

    @Test
    void fillerIsTheAlphabetRepeatedUpToTheRequestedLength() {
        assertEquals("abcdefghijklmnopqrstuvwxyzabcd", text(ResponseBodies.filler(30)));
        assertEquals(ResponseBodies.MAX_FILLER, ResponseBodies.filler(ResponseBodies.MAX_FILLER).remaining());
        assertEquals(0, ResponseBodies.filler(0).remaining());
    }

    @Test
    void partialHelloIsTheFirstHalfOfHello() {
        assertEquals("Hello, ", text(ResponseBodies.partialHello()));
        assertEquals(7, ResponseBodies.partialHelloLength());
    }

    @Test
    void viewsAreIndependentAndReadOnly() {
        ByteBuffer first = ResponseBodies.body(Route.Fixed.HELLO);
        first.get(new byte[5]);
        assertEquals(Route.Fixed.HELLO.body(), text(ResponseBodies.body(Route.Fixed.HELLO)));
        assertTrue(first.isReadOnly() && first.isDirect());
        assertThrows(ReadOnlyBufferException.class, () -> ResponseBodies.filler(4).put(0, (byte) 'x'));
        assertArrayEquals("abcd".getBytes(StandardCharsets.US_ASCII), bytes(ResponseBodies.filler(4)));
    }

    private static String text(ByteBuffer buffer) {
        return new String(bytes(buffer), StandardCharsets.US_ASCII);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
