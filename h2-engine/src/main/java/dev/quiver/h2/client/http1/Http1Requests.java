package dev.quiver.h2.client.http1;

import dev.quiver.core.engine.EngineConfig;
import dev.quiver.core.engine.RequestMix;

/**
 * The run's requests as HTTP/1.1 bytes, head and body, encoded once for the engine and shared by
 * its connections: a body of up to 16 MiB per line of a {@code --urls} file is held once, not once
 * per connection. Immutable once built.
 */
public final class Http1Requests {

    private final byte[][] bytes;
    private final int[] bodyLengths;
    private final boolean[] head;

    public Http1Requests(EngineConfig config) {
        RequestMix mix = config.requests();
        int n = mix.size();
        bytes = new byte[n][];
        bodyLengths = new int[n];
        head = new boolean[n];
        for (int i = 0; i < n; i++) {
            RequestMix.Entry e = mix.entry(i);
            bytes[i] = RequestBytes.encode(e, config.target());
            bodyLengths[i] = e.request().body().length;
            head[i] = e.request().method().equals("HEAD");
        }
    }

    /** Request {@code i} as it goes on the wire; callers must not modify it. */
    byte[] bytes(int i) {
        return bytes[i];
    }

    int bodyLength(int i) {
        return bodyLengths[i];
    }

    /** Whether request {@code i} is HEAD: its response carries no body, whatever its Content-Length says. */
    boolean head(int i) {
        return head[i];
    }
}
