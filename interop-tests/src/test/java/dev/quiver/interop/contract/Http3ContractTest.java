package dev.quiver.interop.contract;

import dev.quiver.core.engine.Protocol;

/** The engine contract for HTTP/3: what every HTTP/3 engine shares (the server, the faults, the reset's name). */
abstract class Http3ContractTest extends EngineContractTest {

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
