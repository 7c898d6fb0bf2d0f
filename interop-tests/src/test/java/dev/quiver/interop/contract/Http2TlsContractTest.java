package dev.quiver.interop.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quiver.core.engine.Protocol;
import dev.quiver.core.engine.RequestTemplate;
import dev.quiver.core.engine.Target;
import dev.quiver.core.report.RunResult;
import dev.quiver.core.schedule.RunSpec;
import dev.quiver.core.schedule.Scheduler;
import dev.quiver.core.schedule.Workload;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The engine contract for HTTP/2 on the TCP engine, over TLS. */
class Http2TlsContractTest extends TcpContractTest {

    Http2TlsContractTest() {
        super(Protocol.HTTP_2, true, "reset_by_peer: RST_STREAM");
    }

    @Test
    void negotiatesHttp2ByAlpnWhenNoVersionIsGiven() throws Exception {
        try (TestServer server = start(Faults.none())) {
            Workload w = new Workload(2, 4, 200, null, 0, Duration.ofSeconds(5));
            RunSpec spec = new RunSpec(Target.parse(server.url("/")), null, true, RequestTemplate.get(), w,
                    Duration.ofSeconds(5), 1, Duration.ofSeconds(1));
            RunResult r = new Scheduler(spec, engine(), null).run();
            assertEquals(Protocol.HTTP_2, r.protocol());
            assertEquals("h2", r.alpn());
            assertBooksBalance(r, 200);
        }
    }
}
