package dev.quiver.quic.kwik;

import dev.quiver.core.engine.Engine;
import dev.quiver.core.engine.EngineConfig;
import dev.quiver.core.engine.EngineProvider;
import dev.quiver.core.engine.Protocol;
import dev.quiver.core.stream.StreamTracker;
import java.util.EnumSet;
import java.util.Set;

/**
 * HTTP/3 on Kwik (QUIC, pure Java) with quiver's own HTTP/3 side: {@code --engine kwik}. Not the
 * default for HTTP/3 (the Netty engine is); it is here to compare a second, independent QUIC stack.
 */
public final class KwikEngineProvider implements EngineProvider {

    static {
        // Kwik 0.10.8 asserts in LossDetector.detectLostPackets that its loss delay is above 0 ms,
        // but it measures RTT in whole milliseconds, and on loopback both RTTs are often 0. With
        // assertions on (java -ea, or any test JVM), the AssertionError kills the connection's
        // receiver-loop thread, which catches only RuntimeException: the connection silently stops
        // reading while its sender goes on, and every request on it times out. Kwik's assertions
        // are therefore off, whatever -ea says; this runs before any Kwik class is initialised.
        ClassLoader loader = KwikEngineProvider.class.getClassLoader();
        if (loader != null) {
            loader.setPackageAssertionStatus("tech.kwik", false);
        }
    }

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
