package dev.quiver.http3;

/**
 * The opening bytes of quiver's control stream (RFC 9114, 6.2.1), client's or server's alike: the
 * stream type, then its first frame, a SETTINGS that announces a QPACK dynamic table of capacity 0
 * and no blocked streams, so that the peer encodes its field sections with the static table and
 * literals only. The stream stays open for the connection's life (closing it is a connection error).
 */
public final class LocalSettings {

    private LocalSettings() {
    }

    /** The stream type, then SETTINGS {QPACK_MAX_TABLE_CAPACITY = 0, QPACK_BLOCKED_STREAMS = 0}. */
    public static byte[] controlStream() {
        byte[] settings = new byte[16];
        int n = Varint.write(settings, 0, H3Frames.SETTINGS_QPACK_MAX_TABLE_CAPACITY);
        n = Varint.write(settings, n, 0);
        n = Varint.write(settings, n, H3Frames.SETTINGS_QPACK_BLOCKED_STREAMS);
        n = Varint.write(settings, n, 0);
        byte[] out = new byte[1 + H3Frames.headerSize(H3Frames.SETTINGS, n) + n];
        int p = Varint.write(out, 0, H3Frames.STREAM_CONTROL);
        p = H3Frames.writeHeader(out, p, H3Frames.SETTINGS, n);
        System.arraycopy(settings, 0, out, p, n);
        return out;
    }
}
