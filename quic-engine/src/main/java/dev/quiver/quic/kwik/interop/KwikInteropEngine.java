package dev.quiver.quic.kwik.interop;

import dev.quiver.core.interop.ClientOptions;
import dev.quiver.core.interop.InteropClient;
import dev.quiver.core.interop.InteropEngine;
import dev.quiver.core.interop.InteropSettings;

/**
 * The interop cases on the {@code kwik} engine's stack (Kwik QUIC, Flupke HTTP/3). Everything is
 * observed by {@link WireTap} in the packets or reported by Kwik; GOAWAY by the engine's own
 * control-stream reader (Flupke 0.9.4 does not read it).
 */
public final class KwikInteropEngine implements InteropEngine {

    @Override
    public String name() {
        return "kwik";
    }

    @Override
    public String homepage() {
        return "https://github.com/ptrd/kwik";
    }

    @Override
    public InteropClient client(InteropSettings settings, ClientOptions options) {
        return new KwikInteropClient(settings, options);
    }
}
