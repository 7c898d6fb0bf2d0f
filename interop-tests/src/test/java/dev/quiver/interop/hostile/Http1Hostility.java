package dev.quiver.interop.hostile;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Hostile HTTP/1.1 servers: each reads requests properly and answers them badly. */
final class Http1Hostility {

    private static final int MAX_HEAD = 64 * 1024;

    private Http1Hostility() {
    }

    /** A chunked response whose body never ends: 16 KiB chunks as fast as the client reads them. */
    static TcpBehaviour endlessChunkedBody() {
        return (s, random, deadline) -> {
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            if (!readHead(in)) {
                return;
            }
            out.write(ascii("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"));
            byte[] chunk = new byte[16 * 1024];
            Arrays.fill(chunk, (byte) 'x');
            byte[] size = ascii(Integer.toHexString(chunk.length) + "\r\n");
            byte[] crlf = ascii("\r\n");
            while (System.currentTimeMillis() < deadline) {
                out.write(size);
                out.write(chunk);
                out.write(crlf);
            }
        };
    }

    /** A status line and then one header line that never ends. */
    static TcpBehaviour endlessHeader() {
        return (s, random, deadline) -> {
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            if (!readHead(in)) {
                return;
            }
            out.write(ascii("HTTP/1.1 200 OK\r\nX-Endless: "));
            byte[] more = new byte[16 * 1024];
            Arrays.fill(more, (byte) 'a');
            while (System.currentTimeMillis() < deadline) {
                out.write(more);
            }
        };
    }

    /** A valid response of 200 bytes, one byte every {@code millisPerByte}: slower than any sane timeout. */
    static TcpBehaviour slowDrip(long millisPerByte) {
        return (s, random, deadline) -> {
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            while (readHead(in)) {
                byte[] response = ascii("HTTP/1.1 200 OK\r\nContent-Length: 200\r\n\r\n" + "x".repeat(200));
                for (byte b : response) {
                    if (System.currentTimeMillis() >= deadline) {
                        return;
                    }
                    out.write(b);
                    out.flush();
                    Thread.sleep(millisPerByte);
                }
            }
        };
    }

    /**
     * Every response has a status no other response had recently and a reason phrase no other
     * response ever had: statuses 200..999 at random (above 599 they are not HTTP statuses at all).
     */
    static TcpBehaviour uniqueStatusAndReason() {
        return (s, random, deadline) -> {
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            long n = 0;
            while (System.currentTimeMillis() < deadline && readHead(in)) {
                int status = 200 + random.nextInt(800);
                String reason = "Unique-" + Long.toHexString(random.nextLong()) + "-" + n++;
                out.write(ascii("HTTP/1.1 " + status + " " + reason + "\r\nContent-Length: 2\r\n\r\nok"));
                out.flush();
            }
        };
    }

    /**
     * Reads one request head (up to the blank line); false at the end of the stream. A head longer
     * than 64 KiB ends the connection.
     */
    static boolean readHead(InputStream in) throws IOException {
        int matched = 0;
        for (int n = 0; n < MAX_HEAD; n++) {
            int b = in.read();
            if (b < 0) {
                return false;
            }
            matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : b == '\r' ? 1 : 0;
            if (matched == 4) {
                return true;
            }
        }
        throw new IOException("request head longer than " + MAX_HEAD + " bytes");
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
