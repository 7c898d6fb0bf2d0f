package dev.quiver.http3;

/** HTTP/3 frame and stream types (RFC 9114, 6.2 and 7.2) this client reads or writes. */
public final class H3Frames {

    public static final long DATA = 0x00;
    public static final long HEADERS = 0x01;
    public static final long CANCEL_PUSH = 0x03;
    public static final long SETTINGS = 0x04;
    public static final long PUSH_PROMISE = 0x05;
    public static final long GOAWAY = 0x07;
    public static final long MAX_PUSH_ID = 0x0d;

    public static final long STREAM_CONTROL = 0x00;
    public static final long STREAM_PUSH = 0x01;
    public static final long STREAM_QPACK_ENCODER = 0x02;
    public static final long STREAM_QPACK_DECODER = 0x03;

    /** RFC 9204, 5: the settings this client announces, both 0 (no dynamic table, no blocked streams). */
    public static final long SETTINGS_QPACK_MAX_TABLE_CAPACITY = 0x01;
    public static final long SETTINGS_QPACK_BLOCKED_STREAMS = 0x07;

    private H3Frames() {
    }

    /** Frame types of HTTP/2 that HTTP/3 reserves (RFC 9114, 7.2.8): receiving one is H3_FRAME_UNEXPECTED. */
    public static boolean isReservedHttp2(long type) {
        return type == 0x02 || type == 0x06 || type == 0x08 || type == 0x09;
    }

    /** A frame header: type and length, then the payload follows. */
    public static int writeHeader(byte[] dst, int off, long type, long length) {
        return Varint.write(dst, Varint.write(dst, off, type), length);
    }

    public static int headerSize(long type, long length) {
        return Varint.size(type) + Varint.size(length);
    }
}
