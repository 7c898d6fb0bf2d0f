package dev.quiver.quic.kwik.interop;

import java.nio.charset.StandardCharsets;

/**
 * Reads the ALPN protocol from the start of the server's Handshake-level CRYPTO data, where TLS 1.3
 * puts EncryptedExtensions first (RFC 8446 4.3.1, RFC 7301 3.1). Kwik checks the protocol but
 * does not say which one the server chose.
 */
final class EncryptedExtensions {

    private static final int ENCRYPTED_EXTENSIONS = 8;
    private static final int ALPN = 16;

    private EncryptedExtensions() {
    }

    /** The protocol, or {@code "(none)"} when the server sent none, or null when the data is not EncryptedExtensions. */
    static String alpn(byte[] d) {
        if (d.length < 6 || (d[0] & 0xff) != ENCRYPTED_EXTENSIONS) {
            return null;
        }
        int end = Math.min(d.length, 6 + u16(d, 4));
        int p = 6;
        while (p + 4 <= end) {
            int type = u16(d, p);
            int len = u16(d, p + 2);
            if (type == ALPN && p + 7 <= end) {
                int nameLen = d[p + 6] & 0xff;
                if (p + 7 + nameLen <= end) {
                    return new String(d, p + 7, nameLen, StandardCharsets.US_ASCII);
                }
                return null;
            }
            p += 4 + len;
        }
        return "(none)";
    }

    private static int u16(byte[] d, int p) {
        return ((d[p] & 0xff) << 8) | (d[p + 1] & 0xff);
    }
}
