package dev.quiver.core.interop;

/**
 * An HTTP/3 stack as the interop cases drive it, registered in {@code META-INF/services} and found
 * through {@link java.util.ServiceLoader}. It offers one observation API ({@link InteropConnection});
 * the cases decide what to do and how to judge.
 */
public interface InteropEngine {

    /** The engine's name, as {@code --engines} takes it. */
    String name();

    /** Where the QUIC stack lives, for the interop runner's result format ({@code urls}). */
    String homepage();

    /** Why the stack cannot run here (e.g. a native library that does not load), or null. */
    default String unavailable() {
        return null;
    }

    /**
     * A client whose connections have these options; its later connections resume the sessions of
     * its earlier ones. Throws {@link UnsupportedCase} for an option the stack cannot honour.
     */
    InteropClient client(InteropSettings settings, ClientOptions options) throws Exception;
}
