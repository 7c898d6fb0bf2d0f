package dev.quiver.server.config;

import dev.quiver.server.loop.DescriptorExhaustion;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A reference server could not listen where it was told to. {@link #reason()} says why in a form a
 * command line can map onto an exit code, and {@link #getMessage()} says it in one line a user
 * understands, e.g. {@code port 8443 (TCP) is already in use}, without the transport's class names.
 */
public final class ListenException extends UncheckedIOException {

    /** Why a listener could not be opened. */
    public enum Reason {
        /** Another socket holds the port. */
        IN_USE,
        /** The host name does not resolve to an address. */
        UNRESOLVED,
        /** The address is not one of this machine's (EADDRNOTAVAIL). */
        NOT_LOCAL,
        /** The port needs privileges (EACCES). */
        NO_PERMISSION,
        /** No file descriptor was free for the socket. */
        NO_DESCRIPTORS,
        /** Anything else; the message carries the transport's own text. */
        OTHER
    }

    private final Reason reason;

    private ListenException(Reason reason, String message, IOException cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** A host name that does not resolve. */
    public static ListenException unresolved(String host) {
        return new ListenException(Reason.UNRESOLVED, "cannot resolve host '" + host + "'",
                new IOException("unresolved: " + host));
    }

    /**
     * Classifies a failed bind by the C library's text, which Netty's native transport and the
     * JDK both pass on (the only thing their exceptions share).
     *
     * @param transport {@code TCP} or {@code UDP}
     * @param host      the address as given, for the message
     * @param port      the port as given
     * @param cause     the failure of the bind
     */
    public static ListenException of(String transport, String host, int port, Throwable cause) {
        String text = String.valueOf(cause.getMessage());
        String where = "port " + port + " (" + transport + ")";
        Reason reason;
        String message;
        if (text.contains("Address already in use")) {
            reason = Reason.IN_USE;
            message = where + " is already in use";
        } else if (text.contains("Cannot assign requested address")) {
            reason = Reason.NOT_LOCAL;
            message = "cannot listen on " + host + ": not an address of this machine";
        } else if (text.contains("Permission denied")) {
            reason = Reason.NO_PERMISSION;
            message = "cannot listen on " + where + ": permission denied (ports below 1024 need privileges)";
        } else if (DescriptorExhaustion.is(cause)) {
            reason = Reason.NO_DESCRIPTORS;
            message = "cannot listen on " + where + ": out of file descriptors (raise the limit: ulimit -n)";
        } else {
            reason = Reason.OTHER;
            message = "cannot listen on " + host + ":" + port + " (" + transport + "): " + text;
        }
        return new ListenException(reason, message,
                cause instanceof IOException io ? io : new IOException(text, cause));
    }
}
