package dev.quiver.interop;

import dev.quiver.server.tls.SelfSignedCertificate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Debian's Caddy (quic-go) as {@code quiver lab --server-cmd} runs it in the server namespace: on
 * every address there (IPv4 and IPv6) on one port, HTTP/1.1, /2 and /3, its state in a directory
 * of the test, and a certificate of our own so it serves as soon as it listens (its internal CA
 * would issue one only after).
 */
final class LabCaddy {

    private LabCaddy() {
    }

    /** Answers {@code ok from caddy} on every path. */
    static String responding(Path dir, int port) throws IOException {
        return command(dir, port, "\trespond \"ok from caddy\" 200\n");
    }

    /** Caddy's {@code file_server} on {@code www}, as the interop runner's servers serve theirs. */
    static String serving(Path dir, int port, Path www) throws IOException {
        return command(dir, port, "\troot * " + www + "\n\tfile_server\n");
    }

    private static String command(Path dir, int port, String handler) throws IOException {
        SelfSignedCertificate cert = SelfSignedCertificate.generate();
        Files.writeString(dir.resolve("cert.pem"), cert.certificatePem());
        Files.writeString(dir.resolve("key.pem"), cert.privateKeyPem());
        Files.writeString(dir.resolve("Caddyfile"), "{\n\tadmin off\n\tauto_https disable_redirects\n\tskip_install_trust\n"
                + "\tservers {\n\t\tprotocols h1 h2 h3\n\t}\n}\n\n"
                + "https://:" + port + " {\n\ttls " + dir.resolve("cert.pem") + " " + dir.resolve("key.pem") + "\n"
                + handler + "}\n");
        return "HOME=" + dir + " XDG_DATA_HOME=" + dir.resolve("data") + " XDG_CONFIG_HOME=" + dir.resolve("config")
                + " exec caddy run --config " + dir.resolve("Caddyfile") + " --adapter caddyfile";
    }
}
