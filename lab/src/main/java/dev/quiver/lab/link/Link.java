package dev.quiver.lab.link;

import dev.quiver.lab.impair.Counter;
import dev.quiver.lab.impair.DirectionCounters;
import dev.quiver.lab.impair.Durations;
import dev.quiver.lab.impair.ImpairedDirection;
import dev.quiver.lab.nat.ClientNat;
import dev.quiver.lab.tun.TunDevice;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The userspace link between the client's and the server's TUN device: two pumps, one per
 * direction, each with its own impairments and counters, and the rebinding NAT when asked for.
 * {@link #restart()} gives a fresh link on the same devices: counters at zero, and the blackhole
 * and rebinding schedules (and every random stream) starting over, as when the measured command
 * starts after the lab has warmed its server up.
 */
public final class Link implements AutoCloseable {

    /** One run of the pumps, from a start or restart to the next. */
    private static final class Pumps {
        final LinkSpec spec;
        final DirectionCounters toServer = new DirectionCounters();
        final DirectionCounters toClient = new DirectionCounters();
        final ClientNat nat;
        final AddressValidationWatch validation = new AddressValidationWatch();
        final DirectionPump up;
        final DirectionPump down;
        final Thread upThread;
        final Thread downThread;

        Pumps(LinkSpec spec, TunDevice client, TunDevice server, int natAddressBase) {
            this.spec = spec;
            long origin = System.nanoTime();
            var blackhole = spec.blackhole() == null ? null : spec.blackhole().from(origin);
            nat = spec.rebinds() ? new ClientNat(spec.rebindPortNanos(), spec.rebindAddrNanos(), spec.rebindFirstNanos(), origin, natAddressBase, spec.seed()) : null;
            ImpairedDirection upDir = new ImpairedDirection("to_server", spec.toServer(), blackhole, spec.seed(), spec.mtu(), toServer,
                    validation.fromClient());
            ImpairedDirection downDir = new ImpairedDirection("to_client", spec.toClient(), blackhole, spec.seed(), spec.mtu(), toClient,
                    validation.fromServer());
            up = new DirectionPump(client, server, upDir, nat == null ? null : nat::outbound);
            down = new DirectionPump(server, client, downDir, nat == null ? null : (p, len, now) -> nat.inbound(p, len));
            upThread = new Thread(up, "lab-link-to-server");
            downThread = new Thread(down, "lab-link-to-client");
            upThread.setDaemon(true);
            downThread.setDaemon(true);
            upThread.start();
            downThread.start();
        }

        void stop() {
            up.stop();
            down.stop();
            try {
                upThread.join(2_000);
                downThread.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private final TunDevice client;
    private final TunDevice server;
    private final int natAddressBase;
    private volatile Pumps pumps;

    private Link(TunDevice client, TunDevice server, int natAddressBase) {
        this.client = client;
        this.server = server;
        this.natAddressBase = natAddressBase;
    }

    /**
     * Starts moving packets between the two devices.
     *
     * @param natAddressBase addresses the NAT gives the client start above this one
     */
    public static Link start(LinkSpec spec, TunDevice client, TunDevice server, int natAddressBase) {
        Link link = new Link(client, server, natAddressBase);
        link.pumps = new Pumps(spec, client, server, natAddressBase);
        return link;
    }

    /** Stops the pumps and starts fresh ones (packets held at that moment are dropped, uncounted). */
    public void restart() {
        restart(spec());
    }

    /** As {@link #restart()}, with another link (e.g. a perfect one while the lab warms its server up). */
    public synchronized void restart(LinkSpec spec) {
        pumps.stop();
        pumps = new Pumps(spec, client, server, natAddressBase);
    }

    public LinkSpec spec() {
        return pumps.spec;
    }

    public DirectionCounters toServer() {
        return pumps.toServer;
    }

    public DirectionCounters toClient() {
        return pumps.toClient;
    }

    /** How many new NAT bindings were made (0 without rebinding). */
    public long rebinds() {
        ClientNat nat = pumps.nat;
        return nat == null ? 0 : nat.rebinds();
    }

    /** Why a pump stopped on its own, or null while both run. */
    public String failure() {
        Pumps p = pumps;
        String a = p.up.ended();
        return a != null ? "to server: " + a : p.down.ended() != null ? "to client: " + p.down.ended() : null;
    }

    /** Parameters, seed and counters, with the report's keys. */
    public Map<String, Object> report() {
        Pumps p = pumps;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("params", p.spec.describe());
        m.put("seed", p.spec.seed());
        m.put("to_server", counters(p.toServer));
        m.put("to_client", counters(p.toClient));
        m.put("nat_rebinds", p.nat == null ? null : p.nat.rebinds());
        m.put("address_validation", p.validation.report());
        return m;
    }

    /** One direction's counters with the report's keys; maxima in milliseconds. */
    public static Map<String, Object> counters(DirectionCounters c) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Counter k : Counter.values()) {
            if (k.isMaxNanos()) {
                m.put(k.key() + "_ms", Durations.millis(c.get(k)));
            } else {
                m.put(k.key(), c.get(k));
            }
        }
        return m;
    }

    /** Stops both pumps and waits for them; the devices stay open (their owner closes them). */
    @Override
    public synchronized void close() {
        pumps.stop();
    }
}
