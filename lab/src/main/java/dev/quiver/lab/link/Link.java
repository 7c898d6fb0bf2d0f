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
 */
public final class Link implements AutoCloseable {

    private final LinkSpec spec;
    private final DirectionCounters toServer = new DirectionCounters();
    private final DirectionCounters toClient = new DirectionCounters();
    private final ClientNat nat;
    private final DirectionPump up;
    private final DirectionPump down;
    private final Thread upThread;
    private final Thread downThread;

    private Link(LinkSpec spec, TunDevice client, TunDevice server, int natAddressBase) {
        this.spec = spec;
        long origin = System.nanoTime();
        var blackhole = spec.blackhole() == null ? null : spec.blackhole().from(origin);
        this.nat = spec.rebinds()
                ? new ClientNat(spec.rebindPortNanos(), spec.rebindAddrNanos(), origin, natAddressBase, spec.seed())
                : null;
        ImpairedDirection upDir = new ImpairedDirection("to_server", spec.toServer(), blackhole, spec.seed(), spec.mtu(), toServer);
        ImpairedDirection downDir = new ImpairedDirection("to_client", spec.toClient(), blackhole, spec.seed(), spec.mtu(), toClient);
        this.up = new DirectionPump(client, server, upDir, nat == null ? null : nat::outbound);
        this.down = new DirectionPump(server, client, downDir, nat == null ? null : (p, len, now) -> nat.inbound(p, len));
        this.upThread = new Thread(up, "lab-link-to-server");
        this.downThread = new Thread(down, "lab-link-to-client");
        upThread.setDaemon(true);
        downThread.setDaemon(true);
    }

    /**
     * Starts moving packets between the two devices.
     *
     * @param natAddressBase addresses the NAT gives the client start above this one
     */
    public static Link start(LinkSpec spec, TunDevice client, TunDevice server, int natAddressBase) {
        Link link = new Link(spec, client, server, natAddressBase);
        link.upThread.start();
        link.downThread.start();
        return link;
    }

    public LinkSpec spec() {
        return spec;
    }

    public DirectionCounters toServer() {
        return toServer;
    }

    public DirectionCounters toClient() {
        return toClient;
    }

    /** How many new NAT bindings were made (0 without rebinding). */
    public long rebinds() {
        return nat == null ? 0 : nat.rebinds();
    }

    /** Why a pump stopped on its own, or null while both run. */
    public String failure() {
        String a = up.ended();
        return a != null ? "to server: " + a : down.ended() != null ? "to client: " + down.ended() : null;
    }

    /** Parameters, seed and counters, with the report's keys. */
    public Map<String, Object> report() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("params", spec.describe());
        m.put("seed", spec.seed());
        m.put("to_server", counters(toServer));
        m.put("to_client", counters(toClient));
        m.put("nat_rebinds", nat == null ? null : nat.rebinds());
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
    public void close() {
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
