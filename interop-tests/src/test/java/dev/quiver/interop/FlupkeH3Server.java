package dev.quiver.interop;

import dev.quiver.quic.kwik.KwikProcessSettings;
import dev.quiver.server.tls.SelfSignedCertificate;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import tech.kwik.core.QuicConnection;
import tech.kwik.core.log.NullLogger;
import tech.kwik.core.server.ServerConnectionConfig;
import tech.kwik.core.server.ServerConnector;
import tech.kwik.flupke.server.Http3ApplicationProtocolFactory;
import tech.kwik.flupke.server.HttpServerRequest;
import tech.kwik.flupke.server.HttpServerResponse;

/**
 * A Kwik/Flupke HTTP/3 server (pure Java, QUIC v1 and v2) in the test's JVM on a free loopback UDP
 * port: the second independent QUIC server the interop matrix runs against. Routes as quiver's
 * embedded server: {@code /} (a small body) and {@code /bytes/N}; with a document root, its files
 * too (as the interop runner's servers serve {@code /www}). {@link #main} runs it as a process of its
 * own, as {@code quiver lab --server-cmd} needs.
 */
final class FlupkeH3Server implements AutoCloseable {

    private static final char[] PASSWORD = "quiver".toCharArray();
    private static final byte[] CHUNK = new byte[16 * 1024];

    private final ServerConnector connector;
    private final DatagramSocket socket;
    /** The document root, or null for the routes only. */
    private final Path www;

    /**
     * @param maxStreams the bidirectional streams a client may have open at once (MAX_STREAMS)
     * @param retry whether every client must first go through a Retry
     */
    FlupkeH3Server(int maxStreams, boolean retry) throws Exception {
        this(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), maxStreams, retry, null);
    }

    /** On {@code address}; {@code www} is a document root whose files it serves too, or null. */
    FlupkeH3Server(InetSocketAddress address, int maxStreams, boolean retry, Path www) throws Exception {
        this.www = www;
        KwikProcessSettings.apply(); // Kwik's asserts off: its loss detector's fails on an idle loopback
        SelfSignedCertificate cert = SelfSignedCertificate.generate();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("quiver", cert.privateKey(), PASSWORD, new Certificate[] {cert.certificate()});
        socket = new DatagramSocket(address);
        ServerConnectionConfig config = ServerConnectionConfig.builder()
                .maxIdleTimeoutInSeconds(30)
                .maxOpenPeerInitiatedBidirectionalStreams(maxStreams)
                .maxOpenPeerInitiatedUnidirectionalStreams(3)
                .maxConnectionBufferSize(4L << 20)
                .maxBidirectionalStreamBufferSize(1L << 20)
                .maxUnidirectionalStreamBufferSize(64L << 10)
                .retryRequired(retry)
                .build();
        connector = ServerConnector.builder()
                .withSocket(socket)
                .withKeyStore(keys, "quiver", PASSWORD, "secp256r1")
                .withSupportedVersions(List.of(QuicConnection.QuicVersion.V1, QuicConnection.QuicVersion.V2))
                .withConfiguration(config)
                .withLogger(new NullLogger())
                .build();
        connector.registerApplicationProtocol("h3", new Http3ApplicationProtocolFactory(this::handle));
        connector.start();
    }

    /**
     * {@code PORT [WWW]}: serves on every address of the machine (IPv4 and IPv6) until killed; the
     * lab runs it in its server namespace and stops it by pid.
     */
    public static void main(String[] args) throws Exception {
        Path www = args.length > 1 ? Path.of(args[1]) : null;
        try (FlupkeH3Server server = new FlupkeH3Server(new InetSocketAddress(Integer.parseInt(args[0])), 100, false, www)) {
            System.out.println("flupke h3 server on UDP port " + server.port() + (www == null ? "" : ", files of " + www));
            Thread.currentThread().join();
        }
    }

    int port() {
        return socket.getLocalPort();
    }

    private void handle(HttpServerRequest request, HttpServerResponse response) throws IOException {
        String path = request.path();
        Path file = file(path);
        if (file != null) {
            response.setStatus(200);
            response.addHeader("content-type", "application/octet-stream");
            response.addHeader("content-length", String.valueOf(Files.size(file)));
            try (OutputStream out = response.getOutputStream()) {
                Files.copy(file, out);
            }
            return;
        }
        long n;
        if (path.equals("/")) {
            n = -1;
        } else if (path.startsWith("/bytes/")) {
            try {
                n = Long.parseLong(path.substring("/bytes/".length()));
            } catch (NumberFormatException e) {
                n = -2;
            }
        } else {
            n = -2;
        }
        if (n == -2 || n > (64L << 20)) {
            response.setStatus(404);
            response.getOutputStream().close();
            return;
        }
        byte[] small = "ok from flupke\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        long length = n < 0 ? small.length : n;
        response.setStatus(200);
        response.addHeader("content-type", "application/octet-stream");
        response.addHeader("content-length", String.valueOf(length));
        try (OutputStream out = response.getOutputStream()) {
            if (n < 0) {
                out.write(small);
            } else {
                for (long left = n; left > 0; left -= CHUNK.length) {
                    out.write(CHUNK, 0, (int) Math.min(CHUNK.length, left));
                }
            }
        }
    }

    /** The regular file of the document root a path names (one level, as the interop cases write them), or null. */
    private Path file(String path) {
        if (www == null || path.length() < 2 || path.indexOf('/', 1) >= 0 || path.contains("..")) {
            return null;
        }
        Path f = www.resolve(path.substring(1));
        return Files.isRegularFile(f) ? f : null;
    }

    @Override
    public void close() {
        connector.close();
        socket.close();
    }
}
