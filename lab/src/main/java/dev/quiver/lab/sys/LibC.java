package dev.quiver.lab.sys;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The few C library calls the lab needs: a TUN device is a file descriptor configured by an
 * {@code ioctl}, and a thread enters a network namespace with {@code setns}; the JDK has neither.
 *
 * <p>Why JNA and not the FFM API ({@code java.lang.foreign}): quiver's class files are built for
 * Java 21, where FFM is still a preview API; using it would need {@code --enable-preview} at
 * compile and run time and tie the class files to exactly one Java release. JNA works unchanged on
 * every JDK from 21 on. Direct mapping ({@link Native#register}) keeps a call to a few hundred
 * nanoseconds, which matters for {@code read}/{@code write} once per packet.
 *
 * <p>{@code ssize_t}/{@code size_t} are mapped to Java {@code long}: the lab runs on 64-bit Linux
 * only ({@link #check()} says so otherwise).
 */
public final class LibC {

    public static final int O_RDONLY = 0;
    public static final int O_RDWR = 2;
    public static final int O_NONBLOCK = 0x800;
    public static final int O_CLOEXEC = 0x80000;

    public static final int EINTR = 4;
    public static final int EIO = 5;
    public static final int EAGAIN = 11;
    public static final int EBADFD = 77;

    public static final int POLLIN = 0x1;
    public static final int CLONE_NEWNET = 0x40000000;

    private static final Throwable LOAD_FAILURE;

    static {
        Throwable failure = null;
        try {
            if (Platform.isLinux() && Native.LONG_SIZE == 8) {
                Native.register(LibC.class, Platform.C_LIBRARY_NAME);
            }
        } catch (Throwable t) {
            failure = t;
        }
        LOAD_FAILURE = failure;
    }

    private LibC() {
    }

    /** Null when the calls are usable, else why not, in one line. */
    public static String check() {
        if (!Platform.isLinux() || Native.LONG_SIZE != 8) {
            return "the lab needs 64-bit Linux";
        }
        return LOAD_FAILURE == null ? null : "cannot load the C library through JNA: " + LOAD_FAILURE;
    }

    public static native int open(String path, int flags);

    public static native int close(int fd);

    public static native int ioctl(int fd, long request, Pointer arg);

    public static native long read(int fd, Pointer buf, long count);

    public static native long write(int fd, Pointer buf, long count);

    public static native int ppoll(Pointer fds, long nfds, Pointer timeout, Pointer sigmask);

    public static native int setns(int fd, int nstype);

    public static native int geteuid();

    public static native int getpid();

    /** {@code kill(pid, sig)}; a negative pid signals that process group. */
    public static native int kill(int pid, int sig);

    /** {@code setpriority(PRIO_PROCESS, tid, nice)}: on Linux a thread's own nice value. */
    public static native int setpriority(int which, int who, int prio);

    /** {@code sched_setscheduler(tid, policy, &param)}: on Linux, one thread's scheduling policy. */
    public static native int sched_setscheduler(int pid, int policy, Pointer param);

    public static native String strerror(int errnum);

    /** errno of this thread's last call through JNA. */
    public static int errno() {
        return Native.getLastError();
    }

    public static String describe(int errno) {
        String s = strerror(errno);
        return s == null ? "errno " + errno : s;
    }
}
