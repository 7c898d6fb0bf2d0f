package dev.quiver.quic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.core.engine.EngineProvider;
import dev.quiver.core.engine.Protocol;
import dev.quiver.core.engine.QlogFiles;
import dev.quiver.core.engine.RequestTemplate;
import dev.quiver.core.engine.Target;
import dev.quiver.core.report.RunResult;
import dev.quiver.core.schedule.RunSpec;
import dev.quiver.core.schedule.Scheduler;
import dev.quiver.core.schedule.Workload;
import dev.quiver.quic.kwik.KwikEngineProvider;
import dev.quiver.quic.netty.NettyQuicEngineProvider;
import dev.quiver.quic.testing.QlogFileCheck;
import dev.quiver.server.h3.Http3EmbeddedServer;
import dev.quiver.server.h3.Http3ServerConfig;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --qlog} on both HTTP/3 engines: one file per QUIC connection, at most {@code --qlog-max},
 * each one qvis reads (netty: quiche's own file rewritten as qlog 0.3; kwik: quiver's own writer).
 */
class QlogPerConnectionTest {

    private static Http3EmbeddedServer server;

    @BeforeAll
    static void startServer() throws Exception {
        X509Bundle cert = new CertificateBuilder().subject("CN=localhost").ecp256()
                .addSanIpAddress("127.0.0.1").setIsCertificateAuthority(true).buildSelfSigned();
        server = new Http3EmbeddedServer(Http3ServerConfig.builder().threads(1)
                .certificate(cert.getCertificate(), cert.getKeyPair().getPrivate()).build()).start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private static RunResult run(EngineProvider engine, QlogFiles qlog, int connections, long requests) throws Exception {
        Workload w = new Workload(connections, 4, requests, Duration.ofSeconds(20), 0, Duration.ofSeconds(10));
        RunSpec spec = new RunSpec(Target.parse("https://127.0.0.1:" + server.port() + "/"), Protocol.HTTP_3, true,
                RequestTemplate.get(), w, Duration.ofSeconds(5), 1, Duration.ofMillis(200), qlog);
        RunResult r = new Scheduler(spec, engine, null).run();
        assertEquals(requests, r.requests().ok(), () -> "errors: " + r.errors());
        return r;
    }

    private static List<Path> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"netty", "kwik"})
    void everyConnectionUpToTheMaxWritesAQlogQvisReads(String engine) throws Exception {
        boolean kwik = engine.equals("kwik");
        Path dir = Files.createTempDirectory("quiver-qlog-" + engine);
        try {
            QlogFiles qlog = QlogFiles.into(dir, 2);
            run(kwik ? new KwikEngineProvider() : new NettyQuicEngineProvider(), qlog, 4, 200);
            List<Path> files = files(dir);
            assertEquals(2, files.size(), "--qlog-max 2 with -c 4 (netty: quiche's own files rewritten and gone): " + files);
            assertEquals(files, qlog.files().stream().sorted().toList(), "the report counts the files there are");
            if (kwik) {
                // A connect may make more than one QUIC connection (a stalled handshake gets a fresh attempt).
                assertTrue(qlog.notLogged() >= 2, "at least two connections without a file: " + qlog.notLogged());
            } else {
                assertEquals(2, qlog.notLogged(), "two connections without a file");
            }
            for (Path f : files) {
                assertTrue(f.getFileName().toString().endsWith(".sqlog"), f.toString());
                QlogFileCheck q = QlogFileCheck.read(f);
                assertTrue(q.count("transport:packet_sent") > 0, "packets sent: " + f);
                assertTrue(q.count("transport:packet_received") > 0, "packets received: " + f);
                if (kwik) {
                    assertTrue(q.count("recovery:metrics_updated") > 0, "congestion window and RTT: " + f);
                    assertEquals(1, q.count("connectivity:connection_closed"), "the file ends with the connection: " + f);
                }
            }
        } finally {
            for (Path f : files(dir)) {
                Files.delete(f);
            }
            Files.delete(dir);
        }
    }
}
