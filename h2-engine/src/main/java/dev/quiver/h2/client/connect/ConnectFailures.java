package dev.quiver.h2.client.connect;

import dev.quiver.core.engine.SocketErrors;
import dev.quiver.core.error.ErrorCategory;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.ssl.NotSslRecordException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import javax.net.ssl.SSLException;

/** Turns a failed connect into a short, bounded category text: {@code connect: refused}. */
public final class ConnectFailures {

    private static final int MAX_DETAIL = 80;

    private ConnectFailures() {
    }

    public static String category(Throwable cause) {
        Throwable t = cause;
        while (t.getCause() != null && !(t instanceof SSLException) && t.getCause() != t) {
            if (t instanceof ConnectException || t instanceof UnknownHostException) {
                break;
            }
            t = t.getCause();
        }
        if (t instanceof ConnectTimeoutException) {
            return ErrorCategory.connect("timed out");
        }
        if (!(t instanceof SSLException)) {
            // Native transports report errno numbers ("finishConnect(..) failed with error(-104)"): say what they mean.
            String os = SocketErrors.describe(cause);
            if (os != null) {
                return ErrorCategory.connect(os);
            }
        }
        if (t instanceof NoRouteToHostException) {
            return ErrorCategory.connect("no route to host");
        }
        if (t instanceof ConnectException) {
            String m = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
            return m.contains("refused") ? ErrorCategory.connect("refused") : ErrorCategory.connect(cut(t.getMessage()));
        }
        if (t instanceof UnknownHostException) {
            return ErrorCategory.connect("unknown host");
        }
        if (t instanceof SSLException) {
            if (t instanceof NotSslRecordException) {
                return ErrorCategory.tls("the server did not answer with TLS (a plaintext port?)");
            }
            String os = SocketErrors.describe(t);
            return ErrorCategory.tls((os != null ? os + " during the handshake" : cut(t.getMessage())));
        }
        if (t instanceof ClosedChannelException) {
            return ErrorCategory.connect("closed by peer during set-up");
        }
        return ErrorCategory.connect(t.getClass().getSimpleName());
    }

    private static String cut(String message) {
        if (message == null) {
            return "failed";
        }
        // Addresses and ports make every message distinct; keep the words. Native calls' names are no words.
        String m = message.replaceAll("/?\\d{1,3}(\\.\\d{1,3}){3}(:\\d+)?", "")
                .replaceAll("\\w+\\(\\.\\.\\) failed( with error\\(-?\\d+\\))?:?", "")
                .replaceAll("\\s+", " ").trim();
        if (m.isEmpty()) {
            return "failed";
        }
        return m.length() > MAX_DETAIL ? m.substring(0, MAX_DETAIL) : m;
    }
}
