package dev.quiver.lab.netns;

import dev.quiver.lab.sys.LibC;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * One platform thread that lives inside a network namespace. Linux keeps the network namespace
 * per thread, and a socket or TUN device belongs to the namespace of the thread that created it,
 * for its whole life; so whatever this thread creates is inside the namespace, and can then be
 * used from any thread. The rest of the process stays where it was.
 */
public final class NamespaceThread implements AutoCloseable {

    private final String namespace;
    private final ExecutorService executor;

    private NamespaceThread(String namespace, ExecutorService executor) {
        this.namespace = namespace;
        this.executor = executor;
    }

    /** Starts the thread and moves it into the namespace. */
    public static NamespaceThread enter(NetworkNamespace ns) throws IOException {
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "lab-netns-" + ns.name());
            t.setDaemon(true);
            return t;
        });
        NamespaceThread thread = new NamespaceThread(ns.name(), executor);
        try {
            thread.call(() -> {
                String unusable = LibC.check();
                if (unusable != null) {
                    throw new IOException(unusable);
                }
                int fd = LibC.open(ns.path().toString(), LibC.O_RDONLY | LibC.O_CLOEXEC);
                if (fd < 0) {
                    throw new IOException("open " + ns.path() + ": " + LibC.describe(LibC.errno()));
                }
                try {
                    if (LibC.setns(fd, LibC.CLONE_NEWNET) != 0) {
                        throw new IOException("setns " + ns.name() + ": " + LibC.describe(LibC.errno()));
                    }
                } finally {
                    LibC.close(fd);
                }
                return null;
            });
        } catch (IOException | RuntimeException e) {
            thread.close();
            throw e;
        }
        return thread;
    }

    /**
     * Gets IPv6 ready for the lab's own addresses only, for devices created from now on: no router
     * advertisements taken, no router solicitations sent, no link-local address made (the link
     * carries the lab's two addresses and nothing of the kernel's own).
     */
    public void quietIpv6() throws IOException {
        call(() -> {
            for (String conf : List.of("all", "default")) {
                write(conf, "disable_ipv6", "0");
                write(conf, "accept_ra", "0");
                write(conf, "router_solicitations", "0");
                write(conf, "addr_gen_mode", "1");
            }
            return null;
        });
    }

    private static void write(String conf, String name, String value) throws IOException {
        Path p = Path.of("/proc/sys/net/ipv6/conf", conf, name);
        if (Files.exists(p)) {
            try {
                Files.writeString(p, value);
            } catch (IOException e) {
                // "all" refuses some of these on older kernels; "default" is the one new devices take
                if (conf.equals("default")) {
                    throw e;
                }
            }
        }
    }

    public String namespace() {
        return namespace;
    }

    /** Runs {@code task} on the thread inside the namespace and returns what it returned. */
    public <T> T call(Callable<T> task) throws IOException {
        Future<T> f = executor.submit(task);
        try {
            return f.get();
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted in namespace " + namespace, e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IOException(c);
        }
    }

    /** Ends the thread, which then no longer holds the namespace. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
