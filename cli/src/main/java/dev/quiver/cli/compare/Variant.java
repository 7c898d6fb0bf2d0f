package dev.quiver.cli.compare;

import dev.quiver.core.engine.EngineProvider;
import dev.quiver.core.engine.Protocol;

/** One column of a comparison: a protocol run by one engine. */
public record Variant(Protocol protocol, EngineProvider engine) {

    /** Short name used in tables, charts and JSON: {@code h1/netty}, {@code h3/kwik}. */
    public String label() {
        String p = switch (protocol) {
            case HTTP_1_1 -> "h1";
            case HTTP_2 -> "h2";
            case HTTP_3 -> "h3";
        };
        return p + "/" + engine.name();
    }
}
