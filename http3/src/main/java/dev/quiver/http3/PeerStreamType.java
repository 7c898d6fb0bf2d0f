package dev.quiver.http3;

import io.netty.buffer.ByteBuf;

/**
 * The start of a unidirectional stream the peer opened (RFC 9114, 6.2): its type, read from the
 * stream's bytes as they come, and what that type is on this connection. A second stream of a
 * critical type (control, QPACK encoder, QPACK decoder) is a connection error, and so is a push
 * stream: this endpoint never allows one (a client sends no MAX_PUSH_ID; a server never takes
 * pushes). Unknown and reserved types are to be refused without reading them.
 */
public final class PeerStreamType {

    /** What a unidirectional stream of the peer is for. */
    public enum Kind {
        /** The peer's control stream: its frames are read. */
        CONTROL,
        /** A QPACK encoder or decoder stream: read and dropped (no dynamic table is allowed). */
        QPACK,
        /** An unknown or reserved type: refused (STOP_SENDING), not read. */
        REFUSED
    }

    /** The critical stream types seen on one connection, each allowed once: one per connection, shared by its streams. */
    public static final class Seen {
        private boolean control;
        private boolean encoder;
        private boolean decoder;
    }

    private final byte[] bytes = new byte[8];
    private int length;
    private long type = -1;

    /** Reads the type's bytes from {@code in}; true once the whole type has been read. */
    public boolean read(ByteBuf in) {
        while (type < 0 && in.isReadable()) {
            bytes[length++] = in.readByte();
            if (length == Varint.lengthOf(bytes[0] & 0xff)) {
                type = Varint.read(bytes, 0, length);
            }
        }
        return type >= 0;
    }

    /** Whether this is the control stream (once read): its end is the connection's error. */
    public boolean control() {
        return type == H3Frames.STREAM_CONTROL;
    }

    /**
     * What the stream is, once its type has been read, marking critical types as seen.
     *
     * @param peerIsServer whether the peer is the server (a push stream's error differs by side)
     */
    public Kind kind(Seen seen, boolean peerIsServer) throws H3Error {
        if (type == H3Frames.STREAM_CONTROL) {
            seen.control = once(seen.control, "second control stream");
            return Kind.CONTROL;
        }
        if (type == H3Frames.STREAM_QPACK_ENCODER) {
            seen.encoder = once(seen.encoder, "second QPACK encoder stream");
            return Kind.QPACK;
        }
        if (type == H3Frames.STREAM_QPACK_DECODER) {
            seen.decoder = once(seen.decoder, "second QPACK decoder stream");
            return Kind.QPACK;
        }
        if (type == H3Frames.STREAM_PUSH) {
            throw peerIsServer ? new H3Error(H3Error.H3_ID_ERROR, "push stream without MAX_PUSH_ID")
                    : new H3Error(H3Error.H3_STREAM_CREATION_ERROR, "push stream from a client");
        }
        return Kind.REFUSED;
    }

    private static boolean once(boolean seenBefore, String second) throws H3Error {
        if (seenBefore) {
            throw new H3Error(H3Error.H3_STREAM_CREATION_ERROR, second);
        }
        return true;
    }
}
