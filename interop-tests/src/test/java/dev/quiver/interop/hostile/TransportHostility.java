package dev.quiver.interop.hostile;

import java.io.InputStream;
import java.io.OutputStream;

/** Hostile behaviours that need no protocol: they work the same under HTTP/1.1, HTTP/2 and TLS. */
final class TransportHostility {

    private TransportHostility() {
    }

    /** Accepts and reads everything, says nothing, until the client gives up. */
    static TcpBehaviour neverAnswers() {
        return (s, random, deadline) -> {
            InputStream in = s.getInputStream();
            byte[] buf = new byte[8192];
            while (System.currentTimeMillis() < deadline && in.read(buf) >= 0) {
                // discard
            }
        };
    }

    /** Answers whatever arrives with random bytes (up to 4 KiB per read). */
    static TcpBehaviour garbage() {
        return (s, random, deadline) -> {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            byte[] buf = new byte[8192];
            while (System.currentTimeMillis() < deadline && in.read(buf) >= 0) {
                byte[] junk = new byte[1 + random.nextInt(4096)];
                random.nextBytes(junk);
                out.write(junk);
                out.flush();
            }
        };
    }

    /** Closes (FIN) as soon as the connection is accepted. */
    static TcpBehaviour closeAtOnce() {
        return (s, random, deadline) -> TcpHostileServer.closeQuietly(s);
    }

    /** Resets (RST, SO_LINGER 0) as soon as the connection is accepted. */
    static TcpBehaviour resetAtOnce() {
        return (s, random, deadline) -> TcpHostileServer.reset(s);
    }

    /** Reads the first bytes the client sends (its request, or its TLS hello), then resets. */
    static TcpBehaviour resetAfterRequest() {
        return (s, random, deadline) -> {
            s.getInputStream().read(new byte[8192]);
            TcpHostileServer.reset(s);
        };
    }
}
