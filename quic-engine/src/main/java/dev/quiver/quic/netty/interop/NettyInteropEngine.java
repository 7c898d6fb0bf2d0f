package dev.quiver.quic.netty.interop;

import dev.quiver.core.interop.ClientOptions;
import dev.quiver.core.interop.InteropClient;
import dev.quiver.core.interop.InteropEngine;
import dev.quiver.core.interop.InteropSettings;
import dev.quiver.core.interop.UnsupportedCase;
import io.netty.handler.codec.quic.Quic;

/**
 * The interop cases on the {@code netty} engine's stack (Netty QUIC codec over quiche). What
 * quiche cannot do from a client (choose the TLS cipher, start a key update, speak QUIC v2) is
 * {@code unsupported}; everything else is observed in the stack or the packet headers.
 */
public final class NettyInteropEngine implements InteropEngine {

    static final String NO_KEY_UPDATE = "quiche as built into Netty offers no way to start a key update";
    private static final long DEFAULT_CONNECTION_WINDOW = 16L << 20;
    private static final long DEFAULT_STREAM_WINDOW = 8L << 20;

    @Override
    public String name() {
        return "netty";
    }

    @Override
    public String homepage() {
        return "https://github.com/netty/netty-incubator-codec-quic";
    }

    @Override
    public String unavailable() {
        try {
            Quic.ensureAvailability();
            return null;
        } catch (Throwable t) {
            return "Netty's native QUIC library does not load here: " + t.getMessage();
        }
    }

    @Override
    public InteropClient client(InteropSettings settings, ClientOptions o) throws UnsupportedCase {
        if (o.cipherSuite() != null) {
            throw new UnsupportedCase("BoringSSL (quiche) lets no client restrict its TLS 1.3 cipher suites");
        }
        if (o.keyUpdate()) {
            throw new UnsupportedCase(NO_KEY_UPDATE);
        }
        if (o.version() != null) {
            throw new UnsupportedCase("quiche as built into Netty speaks QUIC v1 only");
        }
        return new NettyInteropClient(settings, o.earlyData(),
                o.connectionWindow() > 0 ? o.connectionWindow() : DEFAULT_CONNECTION_WINDOW,
                o.streamWindow() > 0 ? o.streamWindow() : DEFAULT_STREAM_WINDOW);
    }
}
