package dev.quiver.core.schedule;

/** The first connection of a run could not be opened: nothing was loaded. */
public final class TargetUnreachableException extends Exception {

    public TargetUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
