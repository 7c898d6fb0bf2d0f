package dev.quiver.http3;

/**
 * The rules of the peer's control stream (RFC 9114, 6.2.1 and 7.2), apart from how its bytes are
 * read: SETTINGS first and once, then GOAWAY frames whose ids never rise (RFC 9114, 5.2): a
 * server's name client request streams, a client's push ids; request-stream frames are errors,
 * unknown ones are skipped. Any breach is an {@link H3Error}, a connection error with its code.
 */
public final class ControlFrames {

    /** The longest SETTINGS payload accepted from a server. */
    public static final int MAX_SETTINGS_BYTES = 16 * 1024;
    /** A GOAWAY carries one varint: at most 8 bytes. */
    private static final int MAX_GOAWAY_BYTES = 8;

    /** What a reader does with a frame's payload. */
    public enum Payload {
        /** Read it whole and pass it to {@link #settings}. */
        SETTINGS,
        /** Read it whole and pass it to {@link #goaway}. */
        GOAWAY,
        /** CANCEL_PUSH (no push here), unknown and grease types: read past it. */
        SKIP
    }

    private final boolean fromClient;
    private boolean settings;
    private long lastGoaway = -1;

    /** The rules of a server's control stream, as a client reads it. */
    public ControlFrames() {
        this(false);
    }

    private ControlFrames(boolean fromClient) {
        this.fromClient = fromClient;
    }

    /**
     * The rules of a client's control stream, as a server reads it: MAX_PUSH_ID is allowed (and
     * passed over: this server never pushes), and a GOAWAY carries a push id, any number.
     */
    public static ControlFrames ofClient() {
        return new ControlFrames(true);
    }

    /** A frame of {@code type} and {@code length} begins: what to do with its payload. */
    public Payload frame(long type, long length) throws H3Error {
        if (!settings && type != H3Frames.SETTINGS) {
            throw new H3Error(H3Error.H3_MISSING_SETTINGS, "control stream without SETTINGS first");
        }
        if (type == H3Frames.SETTINGS) {
            if (settings) {
                throw new H3Error(H3Error.H3_FRAME_UNEXPECTED, "second SETTINGS");
            }
            if (length > MAX_SETTINGS_BYTES) {
                throw new H3Error(H3Error.H3_EXCESSIVE_LOAD, "SETTINGS over " + MAX_SETTINGS_BYTES + " bytes");
            }
            return Payload.SETTINGS;
        }
        if (type == H3Frames.GOAWAY) {
            if (length > MAX_GOAWAY_BYTES) {
                throw new H3Error(H3Error.H3_FRAME_ERROR, "GOAWAY of " + length + " bytes");
            }
            return Payload.GOAWAY;
        }
        if (type == H3Frames.MAX_PUSH_ID && fromClient) {
            return Payload.SKIP;
        }
        if (type == H3Frames.DATA || type == H3Frames.HEADERS || type == H3Frames.PUSH_PROMISE
                || type == H3Frames.MAX_PUSH_ID || H3Frames.isReservedHttp2(type)) {
            throw new H3Error(H3Error.H3_FRAME_UNEXPECTED, "frame 0x" + Long.toHexString(type) + " on the control stream");
        }
        return Payload.SKIP;
    }

    /** The SETTINGS payload in {@code p[off, end)}: pairs of varints; HTTP/2's setting ids are an error (RFC 9114, 7.2.4.1). */
    public void settings(byte[] p, int off, int end) throws H3Error {
        checkSettings(p, off, end);
        settings = true;
    }

    /**
     * The GOAWAY payload in {@code p[off, end)}: from a server, the id of the first request stream
     * it will not process, a client request stream's id (a multiple of 4); from a client, a push
     * id. Never above an earlier one.
     */
    public long goaway(byte[] p, int off, int end) throws H3Error {
        long id = Varint.read(p, off, end);
        // Not necessarily the shortest form (RFC 9000, 16), but exactly the frame's payload.
        if (id < 0 || Varint.lengthOf(p[off] & 0xff) != end - off) {
            throw new H3Error(H3Error.H3_FRAME_ERROR, "malformed GOAWAY");
        }
        if (!fromClient && id % 4 != 0) {
            throw new H3Error(H3Error.H3_ID_ERROR, "GOAWAY id " + id + " is no client request stream");
        }
        if (lastGoaway >= 0 && id > lastGoaway) {
            throw new H3Error(H3Error.H3_ID_ERROR, "GOAWAY id rose");
        }
        lastGoaway = id;
        return id;
    }

    static void checkSettings(byte[] p, int off, int end) throws H3Error {
        int pos = off;
        while (pos < end) {
            long id = Varint.read(p, pos, end);
            if (id < 0) {
                throw new H3Error(H3Error.H3_FRAME_ERROR, "malformed SETTINGS");
            }
            pos += Varint.lengthOf(p[pos] & 0xff);
            long value = Varint.read(p, pos, end);
            if (value < 0) {
                throw new H3Error(H3Error.H3_FRAME_ERROR, "malformed SETTINGS");
            }
            pos += Varint.lengthOf(p[pos] & 0xff);
            if (id >= 0x02 && id <= 0x05) {
                throw new H3Error(H3Error.H3_SETTINGS_ERROR, "HTTP/2 setting 0x" + Long.toHexString(id));
            }
        }
    }
}
