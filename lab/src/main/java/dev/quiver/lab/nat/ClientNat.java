package dev.quiver.lab.nat;

import dev.quiver.lab.impair.RandomStreams;
import dev.quiver.lab.packet.IpPacket;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The link as a NAT in front of the client that rebinds: every {@code portEvery} it gives each
 * client flow (TCP or UDP, by source address and port) a new public port, every {@code addrEvery}
 * a new public address from the client's side of the lab, and maps the server's replies back to
 * the client. A binding that was replaced still maps replies back (a server may answer the old
 * path until it has validated the new one). Packets without ports pass unchanged. Checksums are
 * updated incrementally.
 *
 * <p>Both tables are bounded ({@value #MAX_FLOWS} flows, {@value #MAX_BINDINGS} bindings; the
 * least recently used goes first), so a client that opens flow after flow cannot grow them.
 * Called from both pump threads, hence synchronized.
 */
public final class ClientNat {

    static final int MAX_FLOWS = 4096;
    static final int MAX_BINDINGS = 8192;
    private static final int LOW_PORT = 20_000;
    private static final int PORTS = 40_000;

    private record Binding(long epoch, int address, int port) {
    }

    private final long portEvery;
    private final long addrEvery;
    private final long origin;
    /** When the first rebinding comes, 0 for after one period. */
    private final long first;
    private final int addressBase;
    private final SplittableRandom random;
    private final Map<Long, Binding> flows = lru(MAX_FLOWS);
    /** Public (protocol, address, port) to the client's (address, port). */
    private final Map<Long, Long> bindings = lru(MAX_BINDINGS);
    private long rebinds;

    /**
     * @param portEveryNanos how often flows get a new port, 0 for never
     * @param addrEveryNanos how often flows get a new address, 0 for never
     * @param addressBase new addresses are {@code addressBase + 1}, {@code + 2}, ... (kept inside a /16)
     */
    public ClientNat(long portEveryNanos, long addrEveryNanos, long originNanos, int addressBase, long seed) {
        this(portEveryNanos, addrEveryNanos, 0, originNanos, addressBase, seed);
    }

    /**
     * @param firstNanos when the first rebinding comes (the runner's {@code --first-rebind}), then one every period; 0 for after one period
     */
    public ClientNat(long portEveryNanos, long addrEveryNanos, long firstNanos, long originNanos, int addressBase, long seed) {
        this.first = firstNanos;
        this.portEvery = portEveryNanos;
        this.addrEvery = addrEveryNanos;
        this.origin = originNanos;
        this.addressBase = addressBase;
        this.random = RandomStreams.of(seed, "nat");
    }

    private static <K, V> Map<K, V> lru(int max) {
        return new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > max;
            }
        };
    }

    private static long key(int protocol, int address, int port) {
        return ((long) protocol << 48) | ((address & 0xFFFFFFFFL) << 16) | port;
    }

    /** A packet from the client to the server at {@code now}: its source becomes the flow's current binding. */
    public synchronized void outbound(byte[] p, int len, long now) {
        if (!IpPacket.hasPorts(p, len)) {
            return;
        }
        int proto = IpPacket.protocol(p, len);
        int addr = IpPacket.source(p);
        int port = IpPacket.sourcePort(p);
        long portEpoch = epoch(portEvery, now);
        long addrEpoch = epoch(addrEvery, now);
        long epoch = (portEpoch << 32) | addrEpoch;
        long flow = key(proto, addr, port);
        Binding b = flows.get(flow);
        if (b == null || b.epoch() != epoch) {
            int newAddr = addrEpoch == 0 ? addr : addressBase + 1 + (int) (addrEpoch % 65_000);
            int newPort = portEpoch == 0 ? port : freePort(proto, newAddr, b == null ? port : b.port());
            b = new Binding(epoch, newAddr, newPort);
            flows.put(flow, b);
            if (newAddr != addr || newPort != port) {
                bindings.put(key(proto, newAddr, newPort), flow);
                rebinds++;
            }
        }
        if (b.address() != addr || b.port() != port) {
            IpPacket.rewrite(p, true, b.address(), b.port());
        }
    }

    /** How many rebindings a period of {@code every} has made by {@code now}: the first after {@link #first} (or one period). */
    private long epoch(long every, long now) {
        if (every <= 0) {
            return 0;
        }
        long elapsed = now - origin;
        if (first <= 0) {
            return Math.max(0, elapsed / every);
        }
        return elapsed < first ? 0 : 1 + (elapsed - first) / every;
    }

    private int freePort(int proto, int addr, int previous) {
        for (int i = 0; i < 32; i++) {
            int candidate = LOW_PORT + random.nextInt(PORTS);
            if (candidate != previous && !bindings.containsKey(key(proto, addr, candidate))) {
                return candidate;
            }
        }
        return previous == LOW_PORT ? LOW_PORT + 1 : LOW_PORT;
    }

    /** A packet from the server to the client: a destination that is a binding is mapped back to the client. */
    public synchronized void inbound(byte[] p, int len) {
        if (!IpPacket.hasPorts(p, len)) {
            return;
        }
        int proto = IpPacket.protocol(p, len);
        Long flow = bindings.get(key(proto, IpPacket.destination(p), IpPacket.destinationPort(p)));
        if (flow != null) {
            IpPacket.rewrite(p, false, (int) ((flow >>> 16) & 0xFFFFFFFFL), (int) (flow & 0xFFFF));
        }
    }

    /** How many new bindings the NAT has made (each a rebinding the server saw). */
    public synchronized long rebinds() {
        return rebinds;
    }
}
