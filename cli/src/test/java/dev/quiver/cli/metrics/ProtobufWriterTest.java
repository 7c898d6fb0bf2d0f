package dev.quiver.cli.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The wire format byte for byte, against the encodings the protobuf documentation spells out. */
class ProtobufWriterTest {

    private static byte[] hex(String h) {
        return HexFormat.of().parseHex(h.replace(" ", ""));
    }

    @Test
    void varintsAreSevenBitsAByteLeastSignificantFirst() {
        assertArrayEquals(hex("08 00"), new ProtobufWriter().uint64(1, 0).toByteArray());
        assertArrayEquals(hex("08 01"), new ProtobufWriter().uint64(1, 1).toByteArray());
        assertArrayEquals(hex("08 7f"), new ProtobufWriter().uint64(1, 127).toByteArray());
        assertArrayEquals(hex("08 96 01"), new ProtobufWriter().uint64(1, 150).toByteArray());
        assertArrayEquals(hex("08 ac 02"), new ProtobufWriter().uint64(1, 300).toByteArray());
        // a uint64 above Long.MAX_VALUE, and the largest: ten bytes
        assertArrayEquals(hex("08 ff ff ff ff ff ff ff ff ff 01"), new ProtobufWriter().uint64(1, -1L).toByteArray());
        // field numbers from 16 need a two-byte tag
        assertArrayEquals(hex("80 01 01"), new ProtobufWriter().uint64(16, 1).toByteArray());
    }

    @Test
    void zigzagKeepsSmallNegativeNumbersShort() {
        assertEquals(0, ProtobufWriter.zigzag(0));
        assertEquals(1, ProtobufWriter.zigzag(-1));
        assertEquals(2, ProtobufWriter.zigzag(1));
        assertEquals(3, ProtobufWriter.zigzag(-2));
        assertEquals(4294967294L, ProtobufWriter.zigzag(2147483647));
        assertEquals(4294967295L, ProtobufWriter.zigzag(-2147483648));
        assertEquals(-1L, ProtobufWriter.zigzag(Long.MIN_VALUE)); // 2^64 - 1 unsigned
        assertArrayEquals(hex("28 01"), new ProtobufWriter().sint64(5, -1).toByteArray());
        assertArrayEquals(hex("28 06"), new ProtobufWriter().sint64(5, 3).toByteArray());
        assertArrayEquals(hex("28 8f 01"), new ProtobufWriter().sint64(5, -72).toByteArray());
    }

    @Test
    void doublesAreEightBytesLittleEndian() {
        assertArrayEquals(hex("09 00 00 00 00 00 00 f0 3f"), new ProtobufWriter().double64(1, 1.0).toByteArray());
        assertArrayEquals(hex("11 7b 14 ae 47 e1 7a 84 3f"), new ProtobufWriter().double64(2, 0.01).toByteArray());
        assertArrayEquals(hex("31 00 00 00 00 00 00 f0 7f"), new ProtobufWriter().double64(6, Double.POSITIVE_INFINITY).toByteArray());
    }

    @Test
    void stringsAndMessagesAreLengthDelimited() {
        assertArrayEquals(hex("12 07 74 65 73 74 69 6e 67"), new ProtobufWriter().string(2, "testing").toByteArray());
        assertArrayEquals(hex("0a 02 c3 a9"), new ProtobufWriter().string(1, "\u00e9").toByteArray());
        assertArrayEquals(hex("1a 03 08 96 01"), new ProtobufWriter().message(3, new ProtobufWriter().uint64(1, 150)).toByteArray());
        assertArrayEquals(hex("12 00"), new ProtobufWriter().message(2, new ProtobufWriter()).toByteArray());
    }

    @Test
    void aDelimitedStreamPutsEachMessagesLengthFirst() {
        ProtobufWriter stream = new ProtobufWriter()
                .delimited(new ProtobufWriter().uint64(1, 150))
                .delimited(new ProtobufWriter().string(2, "testing"));
        assertArrayEquals(hex("03 08 96 01 09 12 07 74 65 73 74 69 6e 67"), stream.toByteArray());
        // a message longer than 127 bytes has a two-byte length
        String s = "x".repeat(200);
        byte[] big = new ProtobufWriter().delimited(new ProtobufWriter().string(1, s)).toByteArray();
        assertArrayEquals(hex("cb 01 0a c8 01"), java.util.Arrays.copyOf(big, 5));
        assertEquals(5 + 200, big.length);
    }
}
