package dev.quiver.interop.contract;

import dev.quiver.core.engine.EngineProvider;
import dev.quiver.core.engine.Protocol;
import dev.quiver.h2.client.NettyEngineProvider;

/** The engine contract on the TCP engine against the embedded TCP server; subclasses pick protocol and TLS. */
abstract class TcpContractTest extends EngineContractTest {

    private final Protocol protocol;
    private final boolean tls;
    private final String resetCategory;

    TcpContractTest(Protocol protocol, boolean tls, String resetCategory) {
        this.protocol = protocol;
        this.tls = tls;
        this.resetCategory = resetCategory;
    }

    @Override
    protected EngineProvider engine() {
        return new NettyEngineProvider();
    }

    @Override
    protected Protocol protocol() {
        return protocol;
    }

    @Override
    protected TestServer start(Faults faults) {
        return TcpServers.start(faults, tls);
    }

    @Override
    protected String unreachableUrl() throws Exception {
        return (tls ? "https" : "http") + "://127.0.0.1:" + TcpServers.closedPort() + "/";
    }

    @Override
    protected String resetCategory() {
        return resetCategory;
    }
}
