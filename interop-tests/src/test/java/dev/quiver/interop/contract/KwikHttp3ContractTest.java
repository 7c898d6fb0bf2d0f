package dev.quiver.interop.contract;

import dev.quiver.core.engine.EngineProvider;
import dev.quiver.core.engine.Protocol;
import dev.quiver.core.engine.Engines;

/** The engine contract for HTTP/3 on the kwik engine (Kwik + Flupke, pure Java). */
class KwikHttp3ContractTest extends EngineContractTest {

    @Override
    protected EngineProvider engine() {
        return Engines.find(Protocol.HTTP_3, "kwik").orElseThrow();
    }

    @Override
    protected Protocol protocol() {
        return Protocol.HTTP_3;
    }

    @Override
    protected TestServer start(Faults faults) {
        return Http3Servers.start(faults);
    }

    @Override
    protected String unreachableUrl() throws Exception {
        return "https://127.0.0.1:" + Http3Servers.silentUdpPort() + "/";
    }

    @Override
    protected String resetCategory() {
        return "reset_by_peer: RESET_STREAM";
    }
}
