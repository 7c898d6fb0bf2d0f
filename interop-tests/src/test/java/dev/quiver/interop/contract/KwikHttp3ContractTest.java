package dev.quiver.interop.contract;

import dev.quiver.core.engine.EngineProvider;
import dev.quiver.core.engine.Engines;
import dev.quiver.core.engine.Protocol;

/** The engine contract for HTTP/3 on the kwik engine (Kwik + Flupke, pure Java), as registered. */
class KwikHttp3ContractTest extends Http3ContractTest {

    @Override
    protected EngineProvider engine() {
        return Engines.find(Protocol.HTTP_3, "kwik").orElseThrow();
    }
}
