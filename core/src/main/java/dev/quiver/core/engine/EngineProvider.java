package dev.quiver.core.engine;

import dev.quiver.core.stream.StreamTracker;
import java.util.Set;

/**
 * The service an engine module registers in {@code META-INF/services}; the CLI finds engines
 * through {@link java.util.ServiceLoader} and never links against them.
 */
public interface EngineProvider {

    /** Short name, as {@code --engine} takes it: {@code netty}, {@code kwik}. */
    String name();

    /** The protocols this engine can run. */
    Set<Protocol> protocols();

    /** Whether this engine is the default one for {@code protocol}. */
    default boolean isDefaultFor(Protocol protocol) {
        return true;
    }

    /** Creates an engine whose connections register their streams with {@code tracker}. */
    Engine create(EngineConfig config, StreamTracker tracker);
}
