package dev.quiver.lab;

import dev.quiver.lab.control.ControlServer;
import dev.quiver.lab.link.Link;
import dev.quiver.lab.link.LinkSpec;
import dev.quiver.lab.netns.DeviceDrops;
import dev.quiver.lab.netns.IpTool;
import dev.quiver.lab.netns.NamespaceThread;
import dev.quiver.lab.netns.NetworkNamespace;
import dev.quiver.lab.netns.PortWatch;
import dev.quiver.lab.netns.TcpCongestionControl;
import dev.quiver.lab.packet.IpPacket;
import dev.quiver.lab.tun.TunDevice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A lab: two network namespaces, client and server, each with one TUN device, joined by the
 * impaired userspace {@link Link}. Addresses come from the benchmarking range 198.18.0.0/15
 * (client 198.18.0.1, server 198.19.0.1); each namespace has a route to the other side's /16 and
 * no default route, so nothing sent in a lab can leave the machine, even if set-up stops half-way.
 *
 * <p>Set-up and tear-down are this one object: {@link #start} builds everything or, failing,
 * removes what it built; {@link #close} (also run by a shutdown hook on Ctrl-C and SIGTERM) stops
 * the processes the lab started, the link, and deletes the namespaces (which destroys the devices)
 * and the working directory. {@link #start} first removes the leftovers of labs whose process died.
 */
public final class Lab implements AutoCloseable {

    public static final String CLIENT_ADDRESS = "198.18.0.1";
    public static final String SERVER_ADDRESS = "198.19.0.1";
    /** IPv6 addresses from the benchmarking range 2001:2::/48 (RFC 5180), one /64 per side. */
    public static final String CLIENT_ADDRESS6 = "2001:2::1";
    public static final String SERVER_ADDRESS6 = "2001:2:0:1::1";
    private static final String CLIENT_NET = "198.18.0.0/16";
    private static final String SERVER_NET = "198.19.0.0/16";
    private static final String CLIENT_NET6 = "2001:2::/64";
    private static final String SERVER_NET6 = "2001:2:0:1::/64";
    private static final String DEVICE = "qlab";

    private final IpTool ip;
    private final LabNames names;
    private final LabProcesses processes = new LabProcesses();
    private final List<String> cleaned;
    private final List<String> closeProblems = new ArrayList<>();
    private final Thread hook;
    private NetworkNamespace client;
    private NetworkNamespace server;
    private NamespaceThread clientThread;
    private NamespaceThread serverThread;
    private TunDevice clientTun;
    private TunDevice serverTun;
    private Link link;
    /** The lab's own link, which {@link LinkCommands} restores after a case changed it. */
    private volatile LinkSpec ownSpec;
    private ControlServer control;
    /** The TCP congestion control both sides use, for the report. */
    private volatile String tcpCc;
    /** Device drops when the link last (re)started, client side then server side; guarded by itself. */
    private final long[] dropsAtStart = new long[2];
    /**
     * Tear-down's lock, apart from the object's own: while {@link #close} waits for the client to
     * print its report, the control socket must still be able to answer with {@link #report}.
     */
    private final Object tearDownLock = new Object();
    private boolean dirMade;
    private volatile boolean closed;

    private Lab(IpTool ip, LabNames names, List<String> cleaned) {
        this.ip = ip;
        this.names = names;
        this.cleaned = cleaned;
        this.hook = new Thread(this::close, "lab-teardown-" + names.base());
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Why a lab cannot run here, in one line; null when it can. */
    public static String unavailable() {
        return Preconditions.unavailable();
    }

    /**
     * Builds a lab with this link.
     *
     * @throws LabUnavailableException when it cannot run here (not root, no TUN, no {@code ip})
     * @throws IOException when set-up fails; whatever was built is gone again
     */
    public static Lab start(LinkSpec spec) throws IOException {
        return start(spec, null);
    }

    /**
     * As {@link #start(LinkSpec)}, with TCP's congestion control set on both sides.
     *
     * @param tcpCongestionControl e.g. {@code cubic}; null keeps what the namespaces inherit from the machine
     */
    public static Lab start(LinkSpec spec, String tcpCongestionControl) throws IOException {
        String why = unavailable();
        if (why != null) {
            throw new LabUnavailableException(why);
        }
        IpTool ip = IpTool.find();
        List<String> cleaned = LabSweep.clean(ip);
        Lab lab = new Lab(ip, LabNames.next(), cleaned);
        try {
            lab.setUp(spec, tcpCongestionControl);
        } catch (IOException | RuntimeException | Error e) {
            lab.close();
            throw e;
        }
        return lab;
    }

    private void setUp(LinkSpec spec, String tcpCongestionControl) throws IOException {
        Files.createDirectory(names.directory(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        dirMade = true;
        client = NetworkNamespace.add(ip, names.namespace(Side.CLIENT));
        server = NetworkNamespace.add(ip, names.namespace(Side.SERVER));
        clientThread = NamespaceThread.enter(client);
        serverThread = NamespaceThread.enter(server);
        clientTun = device(clientThread);
        serverTun = device(serverThread);
        configure(client, CLIENT_ADDRESS, SERVER_NET, CLIENT_ADDRESS6, SERVER_NET6, spec.mtu(), tcpCongestionControl);
        configure(server, SERVER_ADDRESS, CLIENT_NET, SERVER_ADDRESS6, CLIENT_NET6, spec.mtu(), tcpCongestionControl);
        tcpCc = TcpCongestionControl.inUse(clientThread, tcpCongestionControl);
        link = Link.start(spec, clientTun, serverTun, IpPacket.parse("198.18.0.0"));
        ownSpec = spec;
        control = ControlServer.start(names.directory().resolve("control.sock"), this::report, new LinkCommands(this)::answer);
    }

    /** Creates the TUN device inside the thread's namespace, with IPv6 for the lab's addresses only. */
    private static TunDevice device(NamespaceThread thread) throws IOException {
        thread.quietIpv6();
        return thread.call(() -> TunDevice.open(DEVICE));
    }

    private static void configure(NetworkNamespace ns, String address, String peerNet, String address6, String peerNet6,
                                  int mtu, String tcpCc) throws IOException {
        ns.ip("link", "set", "lo", "up");
        // A queue of 1000 (an Ethernet device's default; a TUN device has 500) absorbs a burst while the pump
        // is busy; the link's own queue is the one that models a bottleneck, and drops here are reported.
        // No multicast: IPv6 would send MLD reports over the link.
        ns.ip("link", "set", DEVICE, "mtu", Integer.toString(mtu), "txqueuelen", "1000", "multicast", "off", "up");
        ns.ip("addr", "add", address + "/32", "dev", DEVICE);
        // nodad: the address is usable at once (nothing else on the link could hold it).
        ns.ip("-6", "addr", "add", address6 + "/128", "dev", DEVICE, "nodad");
        // The only routes besides loopback: the other side's /16 and /64, through the link. No default route.
        List<String> cc = tcpCc == null ? List.of() : List.of("congctl", "lock", tcpCc);
        List<String> v4 = new ArrayList<>(List.of("route", "add", peerNet, "dev", DEVICE));
        v4.addAll(cc);
        ns.ip(v4.toArray(String[]::new));
        List<String> v6 = new ArrayList<>(List.of("-6", "route", "add", peerNet6, "dev", DEVICE));
        v6.addAll(cc);
        ns.ip(v6.toArray(String[]::new));
    }

    public LabNames names() {
        return names;
    }

    public NetworkNamespace namespace(Side side) {
        return side == Side.CLIENT ? client : server;
    }

    /** A thread inside the side's namespace: sockets made there belong to that side. */
    public NamespaceThread thread(Side side) {
        return side == Side.CLIENT ? clientThread : serverThread;
    }

    public Link link() {
        return link;
    }

    public Path controlSocket() {
        return control.path();
    }

    /** Leftovers of crashed labs that {@link #start} removed. */
    public List<String> cleanedLeftovers() {
        return cleaned;
    }

    /**
     * Restarts the link with {@code spec} (counters from zero, schedules starting now), e.g. once the
     * server is warmed up and the measured command is about to start.
     */
    public void restartLink(LinkSpec spec) throws IOException {
        ownSpec = spec;
        restartLinkFor(spec);
    }

    /** The link the lab was given (its flags; a perfect one while the server warms up). */
    LinkSpec ownSpec() {
        return ownSpec;
    }

    /** Restarts the link with {@code spec} for a while (an interop case's impairments), keeping the lab's own. */
    void restartLinkFor(LinkSpec spec) throws IOException {
        synchronized (dropsAtStart) {
            link.restart(spec);
            dropsAtStart[0] = deviceDrops(Side.CLIENT);
            dropsAtStart[1] = deviceDrops(Side.SERVER);
        }
    }

    private long deviceDrops(Side side) throws IOException {
        return thread(side).call(() -> DeviceDrops.transmitDrops(DEVICE));
    }

    /**
     * The link's parameters, seed, counters, and the two addresses: what the report carries. Each
     * direction also gets {@code dropped_device}: packets its sending side's TUN device dropped
     * because its queue was full, which never reached the link (0 unless the link fell behind).
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> report() {
        Map<String, Object> m = new LinkedHashMap<>(link.report());
        String[] dirs = {"to_server", "to_client"};
        Side[] senders = {Side.CLIENT, Side.SERVER};
        for (int i = 0; i < 2; i++) {
            Object drops;
            try {
                synchronized (dropsAtStart) {
                    drops = Math.max(0, deviceDrops(senders[i]) - dropsAtStart[i]);
                }
            } catch (IOException | RuntimeException e) {
                drops = null;
            }
            ((Map<String, Object>) m.get(dirs[i])).put("dropped_device", drops);
        }
        m.put("client_address", CLIENT_ADDRESS);
        m.put("server_address", SERVER_ADDRESS);
        m.put("client_address6", CLIENT_ADDRESS6);
        m.put("server_address6", SERVER_ADDRESS6);
        m.put("tcp_congestion_control", tcpCc);
        return m;
    }

    /**
     * Starts {@code command} inside the side's namespace, with {@link ControlServer#ENVIRONMENT}
     * set; the lab stops it at tear-down with SIGTERM, and SIGKILL after {@code graceMillis}.
     */
    public Process start(Side side, List<String> command, long graceMillis, Consumer<ProcessBuilder> setup) throws IOException {
        return start(side, command, graceMillis, false, setup);
    }

    /**
     * As {@link #start(Side, List, long, Consumer)}, for a client that should stop as on Ctrl-C: it
     * runs in a session of its own (the terminal's Ctrl-C reaches the lab, not it) and at tear-down
     * gets SIGINT to its process group and {@code graceMillis} to end (quiver prints its report),
     * then SIGTERM and SIGKILL.
     */
    public Process startInterruptible(Side side, List<String> command, long graceMillis, Consumer<ProcessBuilder> setup)
            throws IOException {
        return start(side, command, graceMillis, true, setup);
    }

    private Process start(Side side, List<String> command, long graceMillis, boolean interruptible, Consumer<ProcessBuilder> setup)
            throws IOException {
        return processes.start(ip.binary().toString(), namespace(side).name(), command, graceMillis, interruptible, pb -> {
            pb.environment().put(ControlServer.ENVIRONMENT, controlSocket().toString());
            setup.accept(pb);
        });
    }

    /**
     * Waits until something listens on {@code port} (TCP) or is bound to it (UDP) in the side's
     * namespace.
     *
     * @param process stops the wait early when it ends (the server gave up); may be null
     * @return whether it came up within the timeout
     */
    public boolean awaitListening(Side side, int port, long timeoutMillis, Process process) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (System.nanoTime() < deadline) {
            if (thread(side).call(() -> PortWatch.bound(port))) {
                return true;
            }
            if (process != null && !process.isAlive()) {
                return false;
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** Whether tear-down has begun (e.g. from the shutdown hook on Ctrl-C or SIGTERM). */
    public boolean closing() {
        return closed;
    }

    /** What went wrong during {@link #close}; empty when everything is gone. */
    public List<String> closeProblems() {
        synchronized (tearDownLock) {
            return List.copyOf(closeProblems);
        }
    }

    /** Tears everything down; safe to call more than once and from the shutdown hook. */
    @Override
    public void close() {
        synchronized (tearDownLock) {
            tearDown();
        }
    }

    private void tearDown() {
        if (closed) {
            return;
        }
        closed = true;
        processes.stopAll();
        for (NetworkNamespace ns : new NetworkNamespace[] {client, server}) {
            if (ns != null) {
                attempt("stop processes in " + ns, () -> LabSweep.killAll(ns));
            }
        }
        if (link != null) {
            link.close();
        }
        for (NamespaceThread t : new NamespaceThread[] {clientThread, serverThread}) {
            if (t != null) {
                t.close();
            }
        }
        for (TunDevice d : new TunDevice[] {clientTun, serverTun}) {
            if (d != null) {
                d.close();
            }
        }
        for (NetworkNamespace ns : new NetworkNamespace[] {client, server}) {
            if (ns != null) {
                attempt("delete namespace " + ns, ns::delete);
            }
        }
        if (control != null) {
            control.close();
        }
        if (dirMade) {
            attempt("delete " + names.directory(), () -> LabSweep.deleteTree(names.directory()));
        }
        if (Thread.currentThread() != hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway and finds the lab closed
            }
        }
    }

    private interface Step {
        void run() throws IOException;
    }

    private void attempt(String what, Step step) {
        try {
            step.run();
        } catch (IOException | RuntimeException e) {
            closeProblems.add(what + ": " + e.getMessage());
        }
    }
}
