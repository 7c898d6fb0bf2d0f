package dev.quiver.h2.client;

import dev.quiver.core.engine.Engine;
import dev.quiver.core.engine.EngineConfig;
import dev.quiver.core.engine.EngineProvider;
import dev.quiver.core.engine.Protocol;
import dev.quiver.core.stream.StreamTracker;
import java.util.EnumSet;
import java.util.Set;

/** HTTP/1.1 and HTTP/2 over TCP (TLS with ALPN, or cleartext and h2c) on Netty. */
public final class NettyEngineProvider implements EngineProvider {

    @Override
    public String name() {
        return "netty";
    }

    @Override
    public Set<Protocol> protocols() {
        return EnumSet.of(Protocol.HTTP_1_1, Protocol.HTTP_2);
    }

    @Override
    public Engine create(EngineConfig config, StreamTracker tracker) {
        return new NettyTcpEngine(config, tracker);
    }
}
