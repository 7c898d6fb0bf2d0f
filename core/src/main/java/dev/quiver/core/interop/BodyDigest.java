package dev.quiver.core.interop;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A response body's byte count and SHA-256, fed as it arrives, so no body is kept. */
public final class BodyDigest {

    private final MessageDigest sha = sha256();
    private long bytes;

    public void update(byte[] b, int off, int len) {
        sha.update(b, off, len);
        bytes += len;
    }

    public void update(ByteBuffer b) {
        bytes += b.remaining();
        sha.update(b);
    }

    public long bytes() {
        return bytes;
    }

    /** The SHA-256 in lower-case hex; ends the digest. */
    public String hex() {
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The SHA-256 of a whole body in lower-case hex. */
    public static String of(byte[] body) {
        BodyDigest d = new BodyDigest();
        d.update(body, 0, body.length);
        return d.hex();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this Java", e);
        }
    }
}
