package dev.quiver.http3;

/**
 * A peer that broke HTTP/3 or QPACK (RFC 9114, 8.1; RFC 9204, 6): its error code and a short,
 * bounded description. Thrown without a stack trace: it is an outcome of a request, not a bug.
 */
public final class H3Error extends Exception {

    public static final long H3_NO_ERROR = 0x100;
    public static final long H3_GENERAL_PROTOCOL_ERROR = 0x101;
    public static final long H3_INTERNAL_ERROR = 0x102;
    public static final long H3_STREAM_CREATION_ERROR = 0x103;
    public static final long H3_CLOSED_CRITICAL_STREAM = 0x104;
    public static final long H3_FRAME_UNEXPECTED = 0x105;
    public static final long H3_FRAME_ERROR = 0x106;
    public static final long H3_EXCESSIVE_LOAD = 0x107;
    public static final long H3_ID_ERROR = 0x108;
    public static final long H3_SETTINGS_ERROR = 0x109;
    public static final long H3_MISSING_SETTINGS = 0x10a;
    public static final long H3_REQUEST_REJECTED = 0x10b;
    public static final long H3_REQUEST_INCOMPLETE = 0x10d;
    public static final long H3_MESSAGE_ERROR = 0x10e;
    /** RFC 9204, 6: a field section the decoder cannot interpret. */
    public static final long QPACK_DECOMPRESSION_FAILED = 0x200;

    private final long code;

    public H3Error(long code, String detail) {
        super(detail, null, false, false);
        this.code = code;
    }

    /** The HTTP/3 or QPACK error code the peer's fault calls for. */
    public long code() {
        return code;
    }
}
