package dev.quiver.interop.contract;

import dev.quiver.core.engine.Protocol;

/** The engine contract for HTTP/1.1, cleartext; a cut-off response can only close the connection. */
class Http11ContractTest extends TcpContractTest {

    Http11ContractTest() {
        super(Protocol.HTTP_1_1, false, "connection_lost: closed mid-response");
    }
}
