package dev.quiver.quic.netty;

import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicSslContextBuilder;
import io.netty.handler.codec.quic.QuicSslEngine;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.NetUtil;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.function.Function;
import javax.net.ssl.SSLEngine;

/**
 * The client's TLS for QUIC: ALPN {@code h3}, trust-all with {@code --insecure}, and one TLS engine
 * per connection that knows the target's host and port.
 *
 * <p>Host and port matter twice: BoringSSL's session cache is keyed by them (without them no
 * session is ever resumed), and they give SNI. Netty's QUIC engine sends SNI only for names with a
 * dot, so {@code localhost} would go without one, and servers that pick their certificate by SNI
 * (Caddy, unless it has {@code default_sni}) abort the handshake. For such names the engine's SNI
 * field is set by reflection; if that ever fails, the handshake simply goes without SNI as before.
 */
public final class QuicClientTls {

    private static final Field TLS_HOST_NAME = field("io.netty.handler.codec.quic.QuicheQuicSslEngine", "tlsHostName");
    private static final Method SESSION_REUSED = method("io.netty.handler.codec.quic.QuicheQuicSslEngine", "isSessionReused");

    private QuicClientTls() {
    }

    static QuicSslContext context(boolean insecure) {
        return context(insecure, false);
    }

    /** With {@code earlyData}, a resumed session may send 0-RTT (Netty fires {@code SslEarlyDataReadyEvent}). */
    public static QuicSslContext context(boolean insecure, boolean earlyData) {
        QuicSslContextBuilder b = QuicSslContextBuilder.forClient().applicationProtocols("h3").earlyData(earlyData);
        if (insecure) {
            b.trustManager(InsecureTrustManagerFactory.INSTANCE);
        }
        return b.build();
    }

    /** A TLS engine per connection, for {@code host:port}, with SNI even for dot-less names. */
    public static Function<QuicChannel, QuicSslEngine> engines(QuicSslContext context, String host, int port) {
        boolean forceSni = !host.contains(".") && !NetUtil.isValidIpV6Address(host) && !NetUtil.isValidIpV4Address(host);
        return channel -> {
            QuicSslEngine engine = context.newEngine(channel.alloc(), host, port);
            if (forceSni && TLS_HOST_NAME != null) {
                try {
                    TLS_HOST_NAME.set(engine, host);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    // No SNI then: the server may still accept (Caddy with default_sni does).
                }
            }
            return engine;
        };
    }

    /** Whether the TLS session was resumed, or null when Netty does not tell (its getter is package-private). */
    public static Boolean sessionResumed(SSLEngine engine) {
        if (engine == null || SESSION_REUSED == null || !SESSION_REUSED.getDeclaringClass().isInstance(engine)) {
            return null;
        }
        try {
            return (Boolean) SESSION_REUSED.invoke(engine);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static Field field(String className, String name) {
        try {
            Field f = Class.forName(className).getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static Method method(String className, String name) {
        try {
            Method m = Class.forName(className).getDeclaredMethod(name);
            m.setAccessible(true);
            return m;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
