package dev.quiver.cli.metrics;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The few pieces of the protobuf wire format the metrics page needs, written by hand so the fat jar
 * carries no protobuf library: varints, zigzag-encoded signed ints, little-endian doubles, strings
 * and nested messages as length-delimited fields, and a message with a varint length before it.
 * Field numbers and types are the caller's (see {@link ProtobufPage} for the schema).
 */
final class ProtobufWriter {

    private static final int VARINT = 0;
    private static final int FIXED64 = 1;
    private static final int LENGTH_DELIMITED = 2;

    private byte[] bytes = new byte[256];
    private int size;

    /** An unsigned 64-bit varint field ({@code uint64}, {@code uint32}, enums, non-negative {@code int32}). */
    ProtobufWriter uint64(int field, long value) {
        tag(field, VARINT);
        varint(value);
        return this;
    }

    /** A {@code sint32} or {@code sint64} field: zigzag, so small negative numbers stay short. */
    ProtobufWriter sint64(int field, long value) {
        tag(field, VARINT);
        varint(zigzag(value));
        return this;
    }

    /** A {@code double} field: eight bytes, little-endian. */
    ProtobufWriter double64(int field, double value) {
        tag(field, FIXED64);
        long bits = Double.doubleToRawLongBits(value);
        ensure(8);
        for (int i = 0; i < 8; i++) {
            bytes[size++] = (byte) (bits >>> (8 * i));
        }
        return this;
    }

    /** A {@code string} field, UTF-8. */
    ProtobufWriter string(int field, String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        tag(field, LENGTH_DELIMITED);
        varint(utf8.length);
        raw(utf8, utf8.length);
        return this;
    }

    /** A nested message field: its length, then its bytes. */
    ProtobufWriter message(int field, ProtobufWriter message) {
        tag(field, LENGTH_DELIMITED);
        varint(message.size);
        raw(message.bytes, message.size);
        return this;
    }

    /** A whole message prefixed by its length as a varint: one item of a "delimited" stream. */
    ProtobufWriter delimited(ProtobufWriter message) {
        varint(message.size);
        raw(message.bytes, message.size);
        return this;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    /** Maps signed to unsigned so that -1 is 1 and 1 is 2: {@code (n << 1) ^ (n >> 63)}. */
    static long zigzag(long n) {
        return (n << 1) ^ (n >> 63);
    }

    private void tag(int field, int wireType) {
        varint(((long) field << 3) | wireType);
    }

    /** Seven bits a byte, least significant first, the high bit set on every byte but the last. */
    private void varint(long value) {
        ensure(10);
        long v = value;
        while ((v & ~0x7FL) != 0) {
            bytes[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        bytes[size++] = (byte) v;
    }

    private void raw(byte[] from, int length) {
        ensure(length);
        System.arraycopy(from, 0, bytes, size, length);
        size += length;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
