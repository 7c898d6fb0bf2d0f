package dev.quiver.core.interop;

/** Thrown by an engine asked for something its QUIC stack cannot do; the cell becomes {@code unsupported} with the message. */
public final class UnsupportedCase extends Exception {

    public UnsupportedCase(String reason) {
        super(reason, null, false, false);
    }
}
