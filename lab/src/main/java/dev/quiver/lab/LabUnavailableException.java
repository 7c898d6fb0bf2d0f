package dev.quiver.lab;

import java.io.IOException;

/** The lab cannot run on this machine or as this user; the message says why in one line. */
public final class LabUnavailableException extends IOException {

    public LabUnavailableException(String message) {
        super(message);
    }
}
