package dev.quiver.h2.server;

import dev.quiver.core.serve.Route;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Response bodies shared by every connection: built once, never released, handed out as
 * independent views so no request allocates or copies body bytes of its own.
 *
 * <p>The buffers are read-only on purpose: a writable shared buffer could be appended to by a
 * handler that coalesces small writes (SslHandler does so when it has room), corrupting every
 * later response.
 */
final class Payloads {

    /** Largest slice {@link #filler(int)} hands out; HTTP/1.1 writes bodies in chunks of this size. */
    static final int FILLER_SIZE = 64 * 1024;

    private static final ByteBuf[] FIXED = new ByteBuf[Route.Fixed.values().length];
    private static final ByteBuf FILLER;
    private static final ByteBuf PARTIAL_HELLO;

    static {
        for (Route.Fixed route : Route.Fixed.values()) {
            FIXED[route.ordinal()] = shared(route.body().getBytes(StandardCharsets.US_ASCII));
        }
        byte[] filler = new byte[FILLER_SIZE];
        for (int i = 0; i < filler.length; i++) {
            filler[i] = (byte) ('a' + i % 26);
        }
        FILLER = shared(filler);
        PARTIAL_HELLO = FIXED[Route.Fixed.HELLO.ordinal()].slice(0, partialHelloLength());
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

    /** {@code length} filler bytes ({@code <= FILLER_SIZE}) for {@code /bytes/N}. */
    static ByteBuf filler(int length) {
        return FILLER.slice(0, length);
    }

    /** The first half of the hello body: what a reset response sends before it is cut off. */
    static ByteBuf partialHello() {
        return PARTIAL_HELLO.duplicate();
    }

    /** Bytes sent by {@link #partialHello()}, out of {@code length(HELLO)} announced. */
    static int partialHelloLength() {
        return Route.Fixed.HELLO.body().length() / 2;
    }

    private static ByteBuf shared(byte[] bytes) {
        // Direct memory so socket writes need no copy; wrapping a NIO buffer keeps these few
        // permanent buffers out of the leak detector, which would otherwise track them forever.
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
        return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(direct).asReadOnly());
    }
}
