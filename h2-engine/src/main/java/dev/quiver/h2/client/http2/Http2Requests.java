package dev.quiver.h2.client.http2;

import dev.quiver.core.engine.EngineConfig;
import dev.quiver.core.engine.RequestHead;
import dev.quiver.core.engine.RequestMix;
import dev.quiver.h2.client.http2.hpack.RequestHeaderBlock;

/**
 * The run's requests as HTTP/2 sends them: each header block HPACK-encoded once, and each body, both
 * shared by every connection of the engine (they are immutable; a copy per connection was a few
 * hundred bytes of heap per connection at 10,000 connections).
 */
public final class Http2Requests {

    private final byte[][] headerBlocks;
    private final byte[][] bodies;

    public Http2Requests(EngineConfig config) {
        RequestMix mix = config.requests();
        int n = mix.size();
        headerBlocks = new byte[n][];
        bodies = new byte[n][];
        for (int i = 0; i < n; i++) {
            RequestMix.Entry e = mix.entry(i);
            bodies[i] = e.request().body();
            headerBlocks[i] = RequestHeaderBlock.encode(RequestHead.of(e, config.target(), config.target().scheme()).wireFields());
        }
    }

    /** Request {@code i}'s header block; callers must not modify it. */
    byte[] headerBlock(int i) {
        return headerBlocks[i];
    }

    /** Request {@code i}'s body (empty when it has none); callers must not modify it. */
    byte[] body(int i) {
        return bodies[i];
    }
}
