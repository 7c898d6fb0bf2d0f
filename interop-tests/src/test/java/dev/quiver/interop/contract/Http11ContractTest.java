package dev.quiver.interop.contract;

import dev.quiver.core.engine.Protocol;
import dev.quiver.core.error.ErrorKind;

/** The engine contract for HTTP/1.1, cleartext; a cut-off response can only close the connection. */
class Http11ContractTest extends TcpContractTest {

    Http11ContractTest() {
        super(Protocol.HTTP_1_1, false, "connection_lost: closed mid-response");
    }

    /** HTTP/1.1 has no stream reset: the server cuts the connection, and that is a loss. */
    @Override
    protected ErrorKind resetKind() {
        return ErrorKind.CONNECTION_LOST;
    }
}
