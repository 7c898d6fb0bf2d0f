package dev.quiver.quic.server;

import dev.quiver.core.serve.Route;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Response bodies shared by every connection: built once, never released, handed out as
 * independent views so no request allocates or copies body bytes of its own. Read-only, so no
 * handler that coalesces writes can append to a shared buffer.
 */
final class Payloads {

    /** Largest slice {@link #filler(int)} hands out; {@code /bytes/N} is written in chunks of this size. */
    static final int CHUNK = 32 * 1024;

    private static final ByteBuf[] FIXED = new ByteBuf[Route.Fixed.values().length];
    private static final ByteBuf FILLER;

    static {
        for (Route.Fixed route : Route.Fixed.values()) {
            FIXED[route.ordinal()] = shared(route.body().getBytes(StandardCharsets.US_ASCII));
        }
        byte[] filler = new byte[CHUNK];
        for (int i = 0; i < filler.length; i++) {
            filler[i] = (byte) ('a' + i % 26);
        }
        FILLER = shared(filler);
    }

    private Payloads() {
    }

    /** The body of a fixed route. */
    static ByteBuf body(Route.Fixed route) {
        return FIXED[route.ordinal()].duplicate();
    }

    /** Length of the body of a fixed route. */
    static int length(Route.Fixed route) {
        return FIXED[route.ordinal()].readableBytes();
    }

    /** {@code length} ({@code <= CHUNK}) filler bytes for {@code /bytes/N}. */
    static ByteBuf filler(int length) {
        return FILLER.slice(0, length);
    }

    /** The first half of the hello body: what a reset response sends before it is cut off. */
    static ByteBuf partialHello() {
        return FIXED[Route.Fixed.HELLO.ordinal()].slice(0, length(Route.Fixed.HELLO) / 2);
    }

    private static ByteBuf shared(byte[] bytes) {
        // Direct memory wrapped from NIO: these few permanent buffers stay out of the leak detector.
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
        return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(direct).asReadOnly());
    }
}
