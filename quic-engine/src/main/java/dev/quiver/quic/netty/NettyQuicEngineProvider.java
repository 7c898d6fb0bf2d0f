package dev.quiver.quic.netty;

import dev.quiver.core.engine.Engine;
import dev.quiver.core.engine.EngineConfig;
import dev.quiver.core.engine.EngineProvider;
import dev.quiver.core.engine.Protocol;
import dev.quiver.core.stream.StreamTracker;
import java.util.EnumSet;
import java.util.Set;

/**
 * HTTP/3 over QUIC on Netty: the QUIC codec (quiche and BoringSSL, native, linux-x86_64 only) and
 * quiver's HTTP/3 on its raw streams. Registered as engine {@code netty} for {@link Protocol#HTTP_3}.
 */
public final class NettyQuicEngineProvider implements EngineProvider {

    private final long streamsPerConnection;

    public NettyQuicEngineProvider() {
        this(NettyQuicEngine.STREAMS_PER_CONNECTION);
    }

    /** @param streamsPerConnection requests a connection carries before it retires (tests use fewer) */
    NettyQuicEngineProvider(long streamsPerConnection) {
        this.streamsPerConnection = streamsPerConnection;
    }

    @Override
    public String name() {
        return "netty";
    }

    @Override
    public Set<Protocol> protocols() {
        return EnumSet.of(Protocol.HTTP_3);
    }

    /**
     * @throws IllegalStateException when the native QUIC library cannot be loaded on this machine
     */
    @Override
    public Engine create(EngineConfig config, StreamTracker tracker) {
        return new NettyQuicEngine(config, tracker, streamsPerConnection);
    }
}
