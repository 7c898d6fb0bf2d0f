package dev.quiver.interop.contract;

import dev.quiver.interop.contract.EngineContractTest.Faults;
import dev.quiver.interop.contract.EngineContractTest.TestServer;
import dev.quiver.server.tcp.EmbeddedServer;
import dev.quiver.server.tcp.ServerConfig;
import java.io.IOException;
import java.net.ServerSocket;

/** The embedded TCP server (HTTP/1.1, HTTP/2, h2c) for the contract tests. */
final class TcpServers {

    private TcpServers() {
    }

    static TestServer start(Faults f, boolean tls) {
        EmbeddedServer server = new EmbeddedServer(ServerConfig.builder().tlsPort(0).plainPort(0).threads(1)
                .goawayEvery(f.goawayEvery()).closeEvery(f.closeEvery()).resetEvery(f.resetEvery())
                .stallEvery(f.stallEvery()).build()).start();
        return new TestServer() {
            @Override
            public String url(String path) {
                return tls ? "https://127.0.0.1:" + server.tlsPort() + path : "http://127.0.0.1:" + server.plainPort() + path;
            }

            @Override
            public void close() {
                server.close();
            }
        };
    }

    /** A TCP port that was free a moment ago: nothing listens there. */
    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
