package dev.quiver.quic.netty;

import dev.quiver.core.engine.SocketErrors;
import dev.quiver.core.error.ErrorCategory;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.quic.QuicClosedChannelException;
import io.netty.handler.codec.quic.QuicConnectionCloseEvent;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;

/** Turns a failed QUIC connect into a short, bounded category: {@code quic: handshake timed out}. */
final class QuicConnectFailures {

    private static final int MAX_DETAIL = 60;

    private QuicConnectFailures() {
    }

    static String category(Throwable cause, QuicConnectionCloseEvent peerClose) {
        if (peerClose != null) {
            if (peerClose.isTlsError()) {
                return ErrorCategory.tls("handshake failed, TLS alert " + QuicConnectionCloseEvent.extractTlsError(peerClose.error()));
            }
            return ErrorCategory.quic("handshake closed by peer, " + Http3ErrorNames.connectionClose(peerClose));
        }
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectTimeoutException) {
                return ErrorCategory.quic("handshake timed out (no answer from the server)");
            }
            if (t instanceof UnknownHostException) {
                return ErrorCategory.connect("unknown host");
            }
            if (t instanceof SSLException) {
                return ErrorCategory.tls("handshake failed, " + tlsReason(t.getMessage()));
            }
            if (t instanceof QuicClosedChannelException q && q.event() != null) {
                return category(null, q.event());
            }
        }
        if (cause == null) {
            return ErrorCategory.quic("handshake failed");
        }
        String os = SocketErrors.describe(cause);
        if (os != null) {
            return ErrorCategory.connect(os);
        }
        return ErrorCategory.quic("handshake failed, " + cause.getClass().getSimpleName());
    }

    /**
     * BoringSSL's messages look like {@code error:1000007d:SSL routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED};
     * the last part is the reason.
     */
    private static String tlsReason(String message) {
        if (message != null && message.startsWith("error:") && message.lastIndexOf(':') < message.length() - 1) {
            return cut(message.substring(message.lastIndexOf(':') + 1));
        }
        return cut(message);
    }

    private static String cut(String message) {
        if (message == null) {
            return "handshake failed";
        }
        // Addresses and ports make every message distinct; keep the words.
        String m = message.replaceAll("/?\\d{1,3}(\\.\\d{1,3}){3}(:\\d+)?", "").replaceAll("\\s+", " ").trim();
        return m.length() > MAX_DETAIL ? m.substring(0, MAX_DETAIL) : m;
    }
}
