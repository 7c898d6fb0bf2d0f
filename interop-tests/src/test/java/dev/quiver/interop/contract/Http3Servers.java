package dev.quiver.interop.contract;

import dev.quiver.interop.contract.EngineContractTest.Faults;
import dev.quiver.interop.contract.EngineContractTest.TestServer;
import dev.quiver.server.h3.Http3EmbeddedServer;
import dev.quiver.server.h3.Http3ServerConfig;
import dev.quiver.server.tls.SelfSignedCertificate;
import java.net.DatagramSocket;
import java.net.SocketException;

/** The embedded HTTP/3 server for the contract tests. */
final class Http3Servers {

    private static final SelfSignedCertificate CERTIFICATE = SelfSignedCertificate.generate();

    private Http3Servers() {
    }

    static TestServer start(Faults f) {
        Http3EmbeddedServer server = new Http3EmbeddedServer(Http3ServerConfig.builder().port(0).threads(1)
                .certificate(CERTIFICATE.certificate(), CERTIFICATE.privateKey())
                .goawayEvery(f.goawayEvery()).closeEvery(f.closeEvery()).resetEvery(f.resetEvery())
                .stallEvery(f.stallEvery()).build()).start();
        return new TestServer() {
            @Override
            public String url(String path) {
                return "https://127.0.0.1:" + server.port() + path;
            }

            @Override
            public void close() {
                server.close();
            }
        };
    }

    /** A UDP port that was free a moment ago: no QUIC server answers there. */
    static int silentUdpPort() throws SocketException {
        try (DatagramSocket s = new DatagramSocket(0)) {
            return s.getLocalPort();
        }
    }
}
