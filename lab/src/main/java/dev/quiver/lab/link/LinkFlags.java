package dev.quiver.lab.link;

import dev.quiver.lab.impair.Blackhole;
import dev.quiver.lab.impair.DirectionSpec;
import dev.quiver.lab.impair.DropList;
import dev.quiver.lab.impair.QueueLimit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the lab's flags (as strings, the way a user typed them) into a {@link LinkSpec}. The
 * profile comes first, then flags for both directions, then the {@code -up} (client to server)
 * and {@code -down} (server to client) variants, each overriding what came before.
 */
public final class LinkFlags {

    /** Flags that exist for both directions and as {@code NAME-up} / {@code NAME-down}. */
    public static final List<String> PER_DIRECTION =
            List.of("delay", "jitter", "rate", "queue", "loss", "loss-burst", "reorder", "duplicate", "corrupt", "loss-max-run", "corrupt-max-run",
                    "drop");
    /** Flags of the link as a whole. */
    public static final List<String> LINK_WIDE =
            List.of("profile", "rtt", "reorder-gap", "blackhole", "rebind-port", "rebind-addr", "rebind-first");

    private static final long DEFAULT_REORDER_GAP = 10_000_000L;

    private final Map<String, String> given = new LinkedHashMap<>();

    /** Records {@code --flag value}; a null value (flag not given) is ignored. */
    public LinkFlags set(String flag, String value) {
        if (value == null) {
            return this;
        }
        String base = flag.endsWith("-up") ? flag.substring(0, flag.length() - 3)
                : flag.endsWith("-down") ? flag.substring(0, flag.length() - 5) : flag;
        boolean known = base.equals(flag) ? PER_DIRECTION.contains(flag) || LINK_WIDE.contains(flag) : PER_DIRECTION.contains(base);
        if (!known) {
            throw new IllegalArgumentException("unknown link flag --" + flag);
        }
        given.put(flag, value);
        return this;
    }

    public LinkSpec build(long seed, int mtu) {
        if (given.containsKey("rtt") && given.containsKey("delay")) {
            throw new IllegalArgumentException("--rtt and --delay both set the delay; give one (--rtt is twice --delay)");
        }
        boolean reorders = given.containsKey("reorder") || given.containsKey("reorder-up") || given.containsKey("reorder-down");
        if (given.containsKey("reorder-gap") && !reorders) {
            throw new IllegalArgumentException("--reorder-gap needs --reorder");
        }
        String profileName = given.get("profile");
        Profile profile = profileName == null ? null : Profile.named(profileName);
        DirectionSpec up = profile == null ? DirectionSpec.PERFECT : profile.toServer();
        DirectionSpec down = profile == null ? DirectionSpec.PERFECT : profile.toClient();
        if (given.containsKey("rtt")) {
            long half = FlagValues.durationNanos("--rtt", given.get("rtt")) / 2;
            up = up.withDelay(half);
            down = down.withDelay(half);
        }
        up = apply(up, "up");
        down = apply(down, "down");
        Blackhole blackhole = given.containsKey("blackhole") ? FlagValues.blackhole("--blackhole", given.get("blackhole")) : null;
        long rebindPort = given.containsKey("rebind-port") ? FlagValues.every("--rebind-port", given.get("rebind-port")) : 0;
        long rebindAddr = given.containsKey("rebind-addr") ? FlagValues.every("--rebind-addr", given.get("rebind-addr")) : 0;
        long rebindFirst = 0;
        if (given.containsKey("rebind-first")) {
            if (rebindPort == 0 && rebindAddr == 0) {
                throw new IllegalArgumentException("--rebind-first needs --rebind-port or --rebind-addr");
            }
            rebindFirst = FlagValues.durationNanos("--rebind-first", given.get("rebind-first"));
        }
        return new LinkSpec(up, down, blackhole, rebindPort, rebindAddr, seed, mtu, profile == null ? null : profile.name(), rebindFirst);
    }

    private String value(String name, String side) {
        String specific = given.get(name + "-" + side);
        return specific != null ? specific : given.get(name);
    }

    private static String flag(String name, String side, String value, Map<String, String> given) {
        return given.containsKey(name + "-" + side) && given.get(name + "-" + side).equals(value) ? "--" + name + "-" + side : "--" + name;
    }

    private DirectionSpec apply(DirectionSpec d, String side) {
        String v;
        if ((v = value("delay", side)) != null) {
            d = d.withDelay(FlagValues.durationNanos(flag("delay", side, v, given), v));
        }
        if ((v = value("jitter", side)) != null) {
            d = d.withJitter(FlagValues.durationNanos(flag("jitter", side, v, given), v));
        }
        long rate = d.rateBitsPerSecond();
        QueueLimit queue = d.queue();
        if ((v = value("rate", side)) != null) {
            rate = FlagValues.rateBitsPerSecond(flag("rate", side, v, given), v);
        }
        if ((v = value("queue", side)) != null) {
            queue = FlagValues.queue(flag("queue", side, v, given), v);
            if (rate == 0) {
                throw new IllegalArgumentException(flag("queue", side, v, given) + " needs a rate (--rate, or a profile with one)");
            }
        }
        d = d.withRate(rate, queue);
        double loss = d.loss();
        double burst = d.lossBurst();
        if ((v = value("loss", side)) != null) {
            loss = FlagValues.probability(flag("loss", side, v, given), v);
            if (loss >= 1) {
                throw new IllegalArgumentException(flag("loss", side, v, given) + " must be below 100%");
            }
        }
        if ((v = value("loss-burst", side)) != null) {
            burst = FlagValues.burst(flag("loss-burst", side, v, given), v);
        }
        d = d.withLoss(loss, burst);
        if ((v = value("reorder", side)) != null) {
            String gap = given.get("reorder-gap");
            d = d.withReorder(FlagValues.probability(flag("reorder", side, v, given), v),
                    gap == null ? DEFAULT_REORDER_GAP : FlagValues.durationNanos("--reorder-gap", gap));
        }
        if ((v = value("duplicate", side)) != null) {
            d = d.withDuplicate(FlagValues.probability(flag("duplicate", side, v, given), v));
        }
        if ((v = value("corrupt", side)) != null) {
            d = d.withCorrupt(FlagValues.probability(flag("corrupt", side, v, given), v));
        }
        int lossRun = d.lossMaxRun();
        int corruptRun = d.corruptMaxRun();
        if ((v = value("loss-max-run", side)) != null) {
            lossRun = FlagValues.maxRun(flag("loss-max-run", side, v, given), v);
        }
        if ((v = value("corrupt-max-run", side)) != null) {
            corruptRun = FlagValues.maxRun(flag("corrupt-max-run", side, v, given), v);
        }
        d = d.withMaxRuns(lossRun, corruptRun);
        if ((v = value("drop", side)) != null) {
            d = d.withDrops(DropList.parse(flag("drop", side, v, given), v));
        }
        return d;
    }
}
