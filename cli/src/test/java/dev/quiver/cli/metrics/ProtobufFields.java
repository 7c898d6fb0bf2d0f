package dev.quiver.cli.metrics;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A protobuf message read with protobuf-java's own wire decoder (not the page's writer): each field
 * number with its values in order, varints and fixed64s as longs, length-delimited ones as bytes.
 * The tests know the schema and read the fields through the typed getters.
 */
record ProtobufFields(Map<Integer, List<Object>> fields) {

    static ProtobufFields parse(ByteString bytes) {
        try {
            CodedInputStream in = bytes.newCodedInput();
            Map<Integer, List<Object>> f = new LinkedHashMap<>();
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                Object v = switch (WireFormat.getTagWireType(tag)) {
                    case WireFormat.WIRETYPE_VARINT -> in.readRawVarint64();
                    case WireFormat.WIRETYPE_FIXED64 -> in.readRawLittleEndian64();
                    case WireFormat.WIRETYPE_LENGTH_DELIMITED -> in.readBytes();
                    default -> throw new IllegalArgumentException("unexpected wire type in tag " + tag);
                };
                f.computeIfAbsent(WireFormat.getTagFieldNumber(tag), k -> new ArrayList<>()).add(v);
            }
            return new ProtobufFields(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A stream of messages, each after its length as a varint; it must end after the last one. */
    static List<ProtobufFields> parseDelimited(byte[] stream) {
        try {
            CodedInputStream in = CodedInputStream.newInstance(stream);
            List<ProtobufFields> out = new ArrayList<>();
            while (!in.isAtEnd()) {
                int length = in.readRawVarint32();
                out.add(parse(ByteString.copyFrom(in.readRawBytes(length))));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Object> all(int field) {
        return fields.getOrDefault(field, List.of());
    }

    boolean has(int field) {
        return fields.containsKey(field);
    }

    private Object one(int field) {
        List<Object> v = all(field);
        if (v.size() != 1) {
            throw new AssertionError("field " + field + " " + v.size() + " times in " + fields.keySet());
        }
        return v.get(0);
    }

    long uint64(int field) {
        return (Long) one(field);
    }

    long sint64(int field) {
        return CodedInputStream.decodeZigZag64((Long) one(field));
    }

    List<Long> sint64s(int field) {
        return all(field).stream().map(v -> CodedInputStream.decodeZigZag64((Long) v)).toList();
    }

    double double64(int field) {
        return Double.longBitsToDouble((Long) one(field));
    }

    String string(int field) {
        return ((ByteString) one(field)).toStringUtf8();
    }

    ProtobufFields message(int field) {
        return parse((ByteString) one(field));
    }

    List<ProtobufFields> messages(int field) {
        return all(field).stream().map(v -> parse((ByteString) v)).toList();
    }
}
