package dev.quiver.lab.tun;

import java.io.IOException;

/** The TUN device is gone: closed by the lab, or destroyed with its namespace. */
public final class TunClosedException extends IOException {

    public TunClosedException(String message) {
        super(message);
    }
}
