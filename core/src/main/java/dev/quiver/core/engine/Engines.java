package dev.quiver.core.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/** The engines on the class path, found through {@link ServiceLoader}. */
public final class Engines {

    private Engines() {
    }

    public static List<EngineProvider> available() {
        List<EngineProvider> all = new ArrayList<>();
        ServiceLoader.load(EngineProvider.class).forEach(all::add);
        return all;
    }

    /**
     * The engine for {@code protocol}: the one named {@code name}, or when {@code name} is null the
     * default one for that protocol.
     */
    public static Optional<EngineProvider> find(Protocol protocol, String name) {
        EngineProvider fallback = null;
        for (EngineProvider p : available()) {
            if (!p.protocols().contains(protocol)) {
                continue;
            }
            if (name != null) {
                if (p.name().equalsIgnoreCase(name)) {
                    return Optional.of(p);
                }
            } else if (p.isDefaultFor(protocol)) {
                return Optional.of(p);
            } else if (fallback == null) {
                fallback = p;
            }
        }
        return Optional.ofNullable(fallback);
    }
}
