package dev.quiver.interop.contract;

import dev.quiver.core.engine.EngineProvider;
import dev.quiver.core.engine.Protocol;
import dev.quiver.h2.client.NettyEngineProvider;

/** The engine contract for h2c (HTTP/2 with prior knowledge) on the TCP engine, cleartext. */
class H2cContractTest extends EngineContractTest {

    @Override
    protected EngineProvider engine() {
        return new NettyEngineProvider();
    }

    @Override
    protected Protocol protocol() {
        return Protocol.HTTP_2;
    }

    @Override
    protected TestServer start(Faults faults) {
        return TcpServers.start(faults, false);
    }

    @Override
    protected String unreachableUrl() throws Exception {
        return "http://127.0.0.1:" + TcpServers.closedPort() + "/";
    }

    @Override
    protected String resetCategory() {
        return "reset_by_peer: RST_STREAM";
    }
}
