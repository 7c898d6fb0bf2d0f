package dev.quiver.server.tcp;

import io.netty.channel.Channel;
import io.netty.channel.unix.FileDescriptor;
import io.netty.channel.unix.Socket;
import io.netty.channel.unix.UnixChannel;
import java.io.IOException;

/**
 * One spare file descriptor a listener keeps so that it can still turn connections away when the
 * process has none left. Out of descriptors, accept() fails and the connections stay in the
 * kernel's queue, where their clients wait for an answer that cannot come; with the spare given
 * up, the listener accepts each waiting connection and closes it at once, so that its client learns
 * now, then takes the spare back (the trick libuv and others use). Only for Netty's native
 * transport, whose listening socket can be accepted from directly; on NIO it does nothing.
 *
 * <p>Confined to the listener's event loop.
 */
final class DescriptorReserve {

    private static final String SPARE = "/dev/null";
    /** Room for the peer address accept() writes: IPv6 address, scope id, port (as Netty sizes it). */
    private static final int ADDRESS_BYTES = 26;

    private final byte[] address = new byte[ADDRESS_BYTES];
    private FileDescriptor spare;

    /** Takes the spare descriptor if it can; a reserve without one sheds nothing until it gets one. */
    DescriptorReserve() {
        acquire();
    }

    /** True while the spare is held. */
    boolean held() {
        return spare != null;
    }

    /**
     * Gives up the spare, accepts and closes up to {@code max} connections waiting on
     * {@code listener}, and takes the spare back.
     *
     * @return the connections closed
     */
    int shed(Channel listener, int max) {
        if (!(listener instanceof UnixChannel unix) || !(unix.fd() instanceof Socket socket)) {
            return 0;
        }
        if (spare == null && !acquire()) {
            return 0; // nothing to give up: another socket took the last free descriptor
        }
        release();
        int closed = 0;
        try {
            while (closed < max) {
                int fd = socket.accept(address);
                if (fd < 0) {
                    break; // queue empty
                }
                new FileDescriptor(fd).close();
                closed++;
            }
        } catch (IOException e) {
            // Out of descriptors again (another thread took the one given up) or the listener closed: stop.
        } finally {
            acquire();
        }
        return closed;
    }

    /** Gives the spare back to the system for good (the listener closes). */
    void close() {
        release();
    }

    private boolean acquire() {
        if (spare == null) {
            try {
                spare = FileDescriptor.from(SPARE);
            } catch (IOException | RuntimeException | LinkageError e) {
                spare = null; // none free now, or no native transport; tried again at the next shed
            }
        }
        return spare != null;
    }

    private void release() {
        FileDescriptor s = spare;
        spare = null;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing /dev/null does not fail in a way that matters: the slot is free either way
            }
        }
    }
}
