package dev.quiver.lab.tun;

import com.sun.jna.Memory;
import dev.quiver.lab.sys.LibC;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * One TUN device: layer-3 packets in and out of a network interface through a file descriptor.
 * Opened with {@code IFF_TUN | IFF_NO_PI}, so every read returns exactly one IP packet and every
 * write injects one, with no extra header. The device is created in the network namespace of the
 * thread that opens it, lives as long as the descriptor (it is not persistent), and vanishes with
 * {@link #close()} or with its namespace.
 *
 * <p>Not thread-safe in general: one thread reads (and polls), one other thread may write.
 */
public final class TunDevice implements AutoCloseable {

    /** {@code _IOW('T', 202, int)}. */
    private static final long TUNSETIFF = 0x400454caL;
    private static final short IFF_TUN = 0x0001;
    private static final short IFF_NO_PI = 0x1000;
    private static final int IFNAMSIZ = 16;
    /** {@code struct ifreq} is 40 bytes on 64-bit Linux: the name, then a union of at most 24. */
    private static final int IFREQ_SIZE = 40;
    /** POLLERR, POLLHUP, POLLNVAL. */
    private static final int POLL_GONE = 0x8 | 0x10 | 0x20;
    /** An IP packet is at most 64 KiB. */
    public static final int MAX_PACKET = 65_535;

    private final String name;
    private volatile int fd;
    private final Memory readBuffer = new Memory(MAX_PACKET);
    private final Memory writeBuffer = new Memory(MAX_PACKET);
    /** One {@code struct pollfd} (8 bytes) and one {@code struct timespec} (16 bytes). */
    private final Memory pollFd = new Memory(8);
    private final Memory timespec = new Memory(16);

    private TunDevice(String name, int fd) {
        this.name = name;
        this.fd = fd;
        pollFd.setInt(0, fd);
        pollFd.setShort(4, (short) LibC.POLLIN);
    }

    /**
     * Creates the TUN device {@code name} in the calling thread's network namespace.
     *
     * @throws IOException with the system's reason when the device cannot be created
     */
    public static TunDevice open(String name) throws IOException {
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        if (n.length == 0 || n.length >= IFNAMSIZ) {
            throw new IllegalArgumentException("interface name must be 1-15 characters: " + name);
        }
        String unusable = LibC.check();
        if (unusable != null) {
            throw new IOException(unusable);
        }
        int fd = LibC.open("/dev/net/tun", LibC.O_RDWR | LibC.O_NONBLOCK | LibC.O_CLOEXEC);
        if (fd < 0) {
            throw new IOException("open /dev/net/tun: " + LibC.describe(LibC.errno()));
        }
        try (Memory ifreq = new Memory(IFREQ_SIZE)) {
            ifreq.clear();
            ifreq.write(0, n, 0, n.length);
            ifreq.setShort(IFNAMSIZ, (short) (IFF_TUN | IFF_NO_PI));
            if (LibC.ioctl(fd, TUNSETIFF, ifreq) < 0) {
                int errno = LibC.errno();
                LibC.close(fd);
                throw new IOException("TUNSETIFF " + name + ": " + LibC.describe(errno));
            }
        }
        return new TunDevice(name, fd);
    }

    public String name() {
        return name;
    }

    /**
     * Waits until a packet can be read, at most {@code timeoutNanos}.
     *
     * @return whether one can
     */
    public boolean awaitReadable(long timeoutNanos) throws IOException {
        long t = Math.max(0, timeoutNanos);
        timespec.setLong(0, t / 1_000_000_000L);
        timespec.setLong(8, t % 1_000_000_000L);
        pollFd.setShort(6, (short) 0);
        int r = LibC.ppoll(pollFd, 1, timespec, null);
        if (r < 0) {
            int errno = LibC.errno();
            if (errno == LibC.EINTR) {
                return false;
            }
            throw new IOException("poll " + name + ": " + LibC.describe(errno));
        }
        if (r > 0 && (pollFd.getShort(6) & POLL_GONE) != 0) {
            // error, hang-up or a closed descriptor: readable for ever, so a reader would spin
            throw new TunClosedException(name + " is gone (poll events 0x" + Integer.toHexString(pollFd.getShort(6)) + ")");
        }
        return r > 0;
    }

    /**
     * Reads one packet into {@code dst} without waiting.
     *
     * @return its length, or 0 when none is waiting
     * @throws TunClosedException when the device is gone (closed, or its namespace deleted)
     */
    public int read(byte[] dst) throws IOException {
        long n = LibC.read(checkedFd(), readBuffer, Math.min(dst.length, MAX_PACKET));
        if (n < 0) {
            int errno = LibC.errno();
            if (errno == LibC.EAGAIN || errno == LibC.EINTR) {
                return 0;
            }
            throw failure("read", errno);
        }
        readBuffer.read(0, dst, 0, (int) n);
        return (int) n;
    }

    /** Writes one IP packet; the kernel takes it whole or not at all. */
    public void write(byte[] src, int offset, int length) throws IOException {
        writeBuffer.write(0, src, offset, length);
        long n = LibC.write(checkedFd(), writeBuffer, length);
        if (n < 0) {
            throw failure("write", LibC.errno());
        }
    }

    private int checkedFd() throws TunClosedException {
        int f = fd;
        if (f < 0) {
            throw new TunClosedException(name + " is closed");
        }
        return f;
    }

    private IOException failure(String op, int errno) {
        String text = op + " " + name + ": " + LibC.describe(errno);
        // EBADFD: the device was destroyed under the descriptor (its namespace was deleted).
        return errno == LibC.EBADFD ? new TunClosedException(text) : new IOException(text);
    }

    /** Closes the descriptor, which destroys the device; call once no thread reads or writes it. */
    @Override
    public synchronized void close() {
        int f = fd;
        if (f >= 0) {
            fd = -1;
            LibC.close(f);
        }
    }
}
