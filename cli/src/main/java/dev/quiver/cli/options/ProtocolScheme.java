package dev.quiver.cli.options;

import dev.quiver.cli.UsageException;
import dev.quiver.core.engine.Protocol;
import dev.quiver.core.engine.Target;

/** Which protocols a URL's scheme allows; one check for {@code run --http} and {@code compare --protocols}. */
public final class ProtocolScheme {

    private ProtocolScheme() {
    }

    /**
     * Refuses a protocol the URL cannot carry: HTTP/3 runs over QUIC, which is always encrypted, so
     * it needs https://.
     *
     * @param flag the flag that asked for it, for the message: {@code --http 3}, {@code --protocols}
     */
    public static void check(Protocol protocol, Target target, String flag) {
        if (protocol == Protocol.HTTP_3 && !target.tls()) {
            throw new UsageException(flag + ": HTTP/3 needs an https:// URL (QUIC is always encrypted)");
        }
    }
}
