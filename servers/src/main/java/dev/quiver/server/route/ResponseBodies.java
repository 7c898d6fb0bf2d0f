package dev.quiver.server.route;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The reference servers' response bodies, built once per process and shared by every connection
 * of every server: each call hands out an independent view, so no request allocates or copies
 * body bytes of its own.
 *
 * <p>Direct memory, so socket and QUIC writes need no copy. Read-only on purpose: a writable
 * shared buffer could be appended to by a handler that coalesces small writes (a TLS handler does
 * so when it has room), corrupting every later response. A view wrapped as a network buffer needs
 * no release: releasing it frees nothing.
 */
public final class ResponseBodies {

    /** Largest body {@link #filler(int)} hands out: larger bodies are written in chunks of at most this size. */
    public static final int MAX_FILLER = 64 * 1024;

    private static final ByteBuffer[] FIXED = new ByteBuffer[Route.Fixed.values().length];
    private static final ByteBuffer FILLER;

    static {
        for (Route.Fixed route : Route.Fixed.values()) {
            FIXED[route.ordinal()] = shared(route.body().getBytes(StandardCharsets.US_ASCII));
        }
        byte[] filler = new byte[MAX_FILLER];
        for (int i = 0; i < filler.length; i++) {
            filler[i] = (byte) ('a' + i % 26);
        }
        FILLER = shared(filler);
    }

    private ResponseBodies() {
    }

    /** The body of a fixed route. */
    public static ByteBuffer body(Route.Fixed route) {
        return FIXED[route.ordinal()].duplicate();
    }

    /** Length of the body of a fixed route. */
    public static int length(Route.Fixed route) {
        return FIXED[route.ordinal()].remaining();
    }

    /** {@code length} ({@code <= MAX_FILLER}) filler bytes for {@code /bytes/N}: the alphabet, repeated. */
    public static ByteBuffer filler(int length) {
        return FILLER.slice(0, length);
    }

    /** The first half of the hello body: what a reset response sends before it is cut off. */
    public static ByteBuffer partialHello() {
        return FIXED[Route.Fixed.HELLO.ordinal()].slice(0, partialHelloLength());
    }

    /** Bytes sent by {@link #partialHello()}, out of {@code length(HELLO)} announced. */
    public static int partialHelloLength() {
        return length(Route.Fixed.HELLO) / 2;
    }

    private static ByteBuffer shared(byte[] bytes) {
        return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip().asReadOnlyBuffer();
    }
}
