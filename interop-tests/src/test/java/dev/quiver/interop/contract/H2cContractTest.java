package dev.quiver.interop.contract;

import dev.quiver.core.engine.Protocol;

/** The engine contract for h2c (HTTP/2 with prior knowledge, cleartext). */
class H2cContractTest extends TcpContractTest {

    H2cContractTest() {
        super(Protocol.HTTP_2, false, "reset_by_peer: RST_STREAM");
    }
}
