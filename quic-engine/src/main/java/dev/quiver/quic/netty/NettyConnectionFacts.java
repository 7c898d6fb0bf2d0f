package dev.quiver.quic.netty;

import dev.quiver.core.engine.ConnectionFacts;
import io.netty.handler.codec.quic.QuicChannel;

/**
 * What a QUIC connection of Netty's codec settled on, read once its handshake completed:
 * <ul>
 * <li>QUIC version: from the long headers the server sent ({@link LongHeaderWatch}), since Netty has
 *     no getter for it; {@code v1} when none was seen (quiche as built into Netty speaks v1).</li>
 * <li>resumed: read from Netty's engine through its package-private {@code isSessionReused()};
 *     null if that cannot be reached.</li>
 * <li>early data: false, since quiver does not send requests as 0-RTT on this engine.</li>
 * <li>Retry: whether a Retry packet came ({@link LongHeaderWatch}); Netty does not report it.</li>
 * </ul>
 */
final class NettyConnectionFacts {

    private NettyConnectionFacts() {
    }

    static ConnectionFacts of(QuicChannel quic, LongHeaderWatch longHeaders) {
        String version = longHeaders.negotiatedVersion();
        return new ConnectionFacts(version != null ? version : "v1", QuicClientTls.sessionResumed(quic.sslEngine()),
                Boolean.FALSE, longHeaders.retriesReceived() > 0);
    }
}
