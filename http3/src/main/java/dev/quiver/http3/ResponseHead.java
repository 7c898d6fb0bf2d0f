package dev.quiver.http3;

import java.util.List;
import java.util.Map;

/**
 * A response's HEADERS frame as bytes: {@code :status}, {@code content-type} and
 * {@code content-length}, QPACK-encoded with the static table and literals (no dynamic table, so
 * no encoder stream); a server builds the frames of its fixed responses once.
 */
public final class ResponseHead {

    private ResponseHead() {
    }

    /** The whole HEADERS frame: type, length, field section. */
    public static byte[] frame(int status, String contentType, long contentLength) {
        byte[] section = QpackEncoder.encode(List.of(
                Map.entry(":status", Integer.toString(status)),
                Map.entry("content-type", contentType),
                Map.entry("content-length", Long.toString(contentLength))));
        byte[] out = new byte[H3Frames.headerSize(H3Frames.HEADERS, section.length) + section.length];
        int p = H3Frames.writeHeader(out, 0, H3Frames.HEADERS, section.length);
        System.arraycopy(section, 0, out, p, section.length);
        return out;
    }

    /** A DATA frame's header for a payload of {@code length} bytes. */
    public static byte[] dataHeader(long length) {
        byte[] out = new byte[H3Frames.headerSize(H3Frames.DATA, length)];
        H3Frames.writeHeader(out, 0, H3Frames.DATA, length);
        return out;
    }
}
