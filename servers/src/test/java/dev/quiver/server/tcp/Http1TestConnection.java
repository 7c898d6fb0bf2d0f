package dev.quiver.server.tcp;

import dev.quiver.server.tls.SelfSignedCertificate;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/** One raw HTTP/1.1 connection (plain or TLS) for byte-exact checks of responses and closes. */
final class Http1TestConnection implements AutoCloseable {

    /** A response as read; {@code complete} is false when the connection ended inside the body. */
    record Response(int status, Map<String, String> headers, byte[] body, boolean complete) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private Http1TestConnection(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(5000);
        socket.setTcpNoDelay(true);
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    static Http1TestConnection plain(int port) throws IOException {
        return new Http1TestConnection(new Socket("127.0.0.1", port));
    }

    static Http1TestConnection tls(int port, SelfSignedCertificate trusted) throws IOException {
        SSLSocket s = (SSLSocket) trusted.clientSslContext().getSocketFactory().createSocket("127.0.0.1", port);
        SSLParameters params = s.getSSLParameters();
        params.setApplicationProtocols(new String[] {"http/1.1"});
        s.setSSLParameters(params);
        s.startHandshake();
        return new Http1TestConnection(s);
    }

    void timeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    void send(String method, String path) throws IOException {
        out.write((method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Reads one response with a Content-Length body. */
    Response read() throws IOException {
        String statusLine = line();
        if (statusLine == null) {
            throw new EOFException("connection closed before a response");
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new HashMap<>();
        for (String l = line(); l != null && !l.isEmpty(); l = line()) {
            int colon = l.indexOf(':');
            headers.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
        }
        long length = Long.parseLong(headers.getOrDefault("content-length", "0"));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        long left = length;
        while (left > 0) {
            int n;
            try {
                n = in.read(buf, 0, (int) Math.min(buf.length, left));
            } catch (SocketException | SSLException e) {
                n = -1;
            }
            if (n < 0) {
                return new Response(status, headers, body.toByteArray(), false);
            }
            body.write(buf, 0, n);
            left -= n;
        }
        return new Response(status, headers, body.toByteArray(), true);
    }

    /** True if the server closed the connection (EOF or reset) before {@code millis} passed. */
    boolean closedByPeer(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException | SSLException e) {
            return true;
        }
    }

    /** True if nothing at all arrives within {@code millis} and the connection stays open. */
    boolean silentFor(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            in.read();
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        }
    }

    private String line() throws IOException {
        StringBuilder s = new StringBuilder();
        while (true) {
            int c;
            try {
                c = in.read();
            } catch (SocketException | SSLException e) {
                c = -1;
            }
            if (c < 0) {
                return s.isEmpty() ? null : s.toString();
            }
            if (c == '\n') {
                int len = s.length();
                return len > 0 && s.charAt(len - 1) == '\r' ? s.substring(0, len - 1) : s.toString();
            }
            s.append((char) c);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
