package dev.quiver.quic.kwik;

import dev.quiver.core.engine.Engine;
import dev.quiver.core.engine.EngineConfig;
import dev.quiver.core.engine.EngineProvider;
import dev.quiver.core.engine.Protocol;
import dev.quiver.core.stream.StreamTracker;
import java.util.EnumSet;
import java.util.Set;

/**
 * HTTP/3 on Kwik (QUIC) and Flupke (HTTP/3), both pure Java: {@code --engine kwik}. Not the
 * default for HTTP/3 (the Netty engine is); it is here to compare a second, independent QUIC stack.
 */
public final class KwikEngineProvider implements EngineProvider {

    @Override
    public String name() {
        return "kwik";
    }

    @Override
    public Set<Protocol> protocols() {
        return EnumSet.of(Protocol.HTTP_3);
    }

    @Override
    public boolean isDefaultFor(Protocol protocol) {
        return false;
    }

    @Override
    public Engine create(EngineConfig config, StreamTracker tracker) {
        return new KwikEngine(config, tracker);
    }
}
