package dev.quiver.cli.compare;

import dev.quiver.cli.UsageException;
import dev.quiver.cli.options.ProtocolScheme;
import dev.quiver.core.engine.EngineProvider;
import dev.quiver.core.engine.Engines;
import dev.quiver.core.engine.Protocol;
import dev.quiver.core.engine.Target;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which variants a comparison runs: every selected protocol times every registered engine for it
 * (or the engines the user named). Engines come from {@link Engines}, so a newly registered engine
 * shows up here without a change.
 */
public final class VariantChoice {

    private VariantChoice() {
    }

    /**
     * @param protocols comma-separated {@code --protocols} value, or null for every protocol the URL allows
     * @param engines comma-separated {@code --engines} value, or null for every registered engine
     */
    public static List<Variant> select(Target target, String protocols, String engines, List<EngineProvider> registered) {
        List<Protocol> wanted = protocols(target, protocols);
        Set<String> names = engineNames(engines);
        for (String name : names) {
            boolean known = registered.stream().anyMatch(e -> e.name().equalsIgnoreCase(name)
                    && wanted.stream().anyMatch(e.protocols()::contains));
            if (!known) {
                throw new UsageException("no engine '" + name + "' registered for "
                        + String.join(", ", wanted.stream().map(Protocol::displayName).toList())
                        + " (registered: " + String.join(", ", registeredNames(registered, wanted)) + ")");
            }
        }
        List<Variant> variants = new ArrayList<>();
        for (Protocol p : wanted) {
            for (EngineProvider e : ordered(registered, p)) {
                if (names.isEmpty() || names.contains(e.name().toLowerCase(Locale.ROOT))) {
                    variants.add(new Variant(p, e));
                }
            }
        }
        if (variants.isEmpty()) {
            throw new UsageException("nothing to compare: no registered engine runs the selected protocols");
        }
        return variants;
    }

    private static List<Protocol> protocols(Target target, String flag) {
        List<Protocol> list = new ArrayList<>();
        if (flag == null) {
            list.add(Protocol.HTTP_1_1);
            list.add(Protocol.HTTP_2);
            if (target.tls()) {
                list.add(Protocol.HTTP_3);
            }
            return list;
        }
        for (String part : flag.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            Protocol p;
            try {
                p = Protocol.parse(part);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--protocols: " + e.getMessage());
            }
            ProtocolScheme.check(p, target, "--protocols");
            if (!list.contains(p)) {
                list.add(p);
            }
        }
        if (list.isEmpty()) {
            throw new UsageException("--protocols: give at least one of 1.1, 2, 3");
        }
        return list;
    }

    private static Set<String> engineNames(String flag) {
        Set<String> names = new LinkedHashSet<>();
        if (flag != null) {
            for (String part : flag.split(",")) {
                if (!part.isBlank()) {
                    names.add(part.trim().toLowerCase(Locale.ROOT));
                }
            }
            if (names.isEmpty()) {
                throw new UsageException("--engines: give at least one engine name");
            }
        }
        return names;
    }

    /** The protocol's default engine first, the others in the order they were found. */
    private static List<EngineProvider> ordered(List<EngineProvider> registered, Protocol p) {
        List<EngineProvider> list = new ArrayList<>();
        registered.stream().filter(e -> e.protocols().contains(p) && e.isDefaultFor(p)).forEach(list::add);
        registered.stream().filter(e -> e.protocols().contains(p) && !e.isDefaultFor(p)).forEach(list::add);
        return list;
    }

    private static List<String> registeredNames(List<EngineProvider> registered, List<Protocol> wanted) {
        Set<String> names = new LinkedHashSet<>();
        for (EngineProvider e : registered) {
            if (wanted.stream().anyMatch(e.protocols()::contains)) {
                names.add(e.name());
            }
        }
        return names.isEmpty() ? List.of("none") : List.copyOf(names);
    }
}
