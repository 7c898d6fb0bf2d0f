package dev.quiver.interop.contract;

import dev.quiver.core.engine.EngineProvider;
import dev.quiver.quic.netty.NettyQuicEngineProvider;

/** The engine contract for HTTP/3 on the netty engine (Netty QUIC codec, quiche). */
class NettyHttp3ContractTest extends Http3ContractTest {

    @Override
    protected EngineProvider engine() {
        return new NettyQuicEngineProvider();
    }
}
