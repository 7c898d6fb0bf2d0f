package dev.quiver.lab.link;

import dev.quiver.lab.impair.Blackhole;
import dev.quiver.lab.impair.DirectionSpec;
import dev.quiver.lab.impair.Durations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything the link does, both directions, and the seed that makes it reproducible.
 *
 * @param blackhole the blackhole schedule (both directions at once), or null
 * @param rebindPortNanos how often the NAT gives client flows a new port, 0 for never
 * @param rebindAddrNanos how often the NAT gives client flows a new address, 0 for never
 * @param profile the profile the values started from, or null
 * @param rebindFirstNanos when the NAT rebinds first (the runner's {@code --first-rebind}), 0 for after one period
 */
public record LinkSpec(DirectionSpec toServer, DirectionSpec toClient, Blackhole blackhole,
                       long rebindPortNanos, long rebindAddrNanos, long seed, int mtu, String profile, long rebindFirstNanos) {

    public static final int DEFAULT_MTU = 1500;

    public LinkSpec {
        if (mtu < 576 || mtu > 9000) {
            throw new IllegalArgumentException("--mtu: " + mtu + " is outside 576..9000");
        }
        if (rebindFirstNanos < 0) {
            throw new IllegalArgumentException("--rebind-first cannot be negative");
        }
    }

    /** A link whose NAT (if it rebinds) first rebinds after one period. */
    public LinkSpec(DirectionSpec toServer, DirectionSpec toClient, Blackhole blackhole, long rebindPortNanos,
                    long rebindAddrNanos, long seed, int mtu, String profile) {
        this(toServer, toClient, blackhole, rebindPortNanos, rebindAddrNanos, seed, mtu, profile, 0);
    }

    /** A link that does nothing but forward. */
    public static LinkSpec perfect(long seed) {
        return new LinkSpec(DirectionSpec.PERFECT, DirectionSpec.PERFECT, null, 0, 0, seed, DEFAULT_MTU, null);
    }

    public boolean rebinds() {
        return rebindPortNanos > 0 || rebindAddrNanos > 0;
    }

    /** The parameters as the report shows them (JSON keys). */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("profile", profile);
        m.put("mtu", mtu);
        m.put("rtt_ms", Durations.millis(toServer.delayNanos() + toClient.delayNanos()));
        m.put("blackhole", blackhole == null ? null : blackhole.toString());
        m.put("rebind_port_s", rebindPortNanos == 0 ? null : rebindPortNanos / 1e9);
        m.put("rebind_addr_s", rebindAddrNanos == 0 ? null : rebindAddrNanos / 1e9);
        m.put("rebind_first_s", rebindFirstNanos == 0 ? null : rebindFirstNanos / 1e9);
        m.put("to_server", describe(toServer));
        m.put("to_client", describe(toClient));
        return m;
    }

    private static Map<String, Object> describe(DirectionSpec d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("delay_ms", Durations.millis(d.delayNanos()));
        m.put("jitter_ms", Durations.millis(d.jitterNanos()));
        m.put("rate_bps", d.rateBitsPerSecond() == 0 ? null : d.rateBitsPerSecond());
        m.put("queue", d.rateBitsPerSecond() == 0 ? null : d.effectiveQueue().toString());
        m.put("loss", d.loss());
        m.put("loss_burst", d.lossBurst() > 1 ? d.lossBurst() : null);
        m.put("reorder", d.reorder());
        m.put("reorder_gap_ms", d.reorder() > 0 ? Durations.millis(d.reorderGapNanos()) : null);
        m.put("duplicate", d.duplicate());
        m.put("corrupt", d.corrupt());
        m.put("loss_max_run", d.lossMaxRun() > 0 ? d.lossMaxRun() : null);
        m.put("corrupt_max_run", d.corruptMaxRun() > 0 ? d.corruptMaxRun() : null);
        m.put("drop", d.drops().isEmpty() ? null : d.drops().toString());
        return m;
    }

    /** One line for people: what differs from a perfect link. */
    public String summary() {
        List<String> parts = new ArrayList<>();
        if (profile != null) {
            parts.add("profile " + profile);
        }
        if (toServer.equals(toClient)) {
            String s = summary(toServer, true);
            if (!s.isEmpty()) {
                parts.add(s);
            }
        } else {
            parts.add("to server: " + orNothing(summary(toServer, false)));
            parts.add("to client: " + orNothing(summary(toClient, false)));
        }
        if (blackhole != null) {
            parts.add("blackhole " + blackhole);
        }
        if (rebindPortNanos > 0) {
            parts.add("rebind port every " + Durations.format(rebindPortNanos));
        }
        if (rebindAddrNanos > 0) {
            parts.add("rebind address every " + Durations.format(rebindAddrNanos));
        }
        if (rebindFirstNanos > 0) {
            parts.add("first rebinding after " + Durations.format(rebindFirstNanos));
        }
        if (mtu != DEFAULT_MTU) {
            parts.add("mtu " + mtu);
        }
        return (parts.isEmpty() ? "no impairment" : String.join(", ", parts)) + ", seed " + seed;
    }

    private static String orNothing(String s) {
        return s.isEmpty() ? "no impairment" : s;
    }

    private static String summary(DirectionSpec d, boolean bothWays) {
        List<String> p = new ArrayList<>();
        if (d.delayNanos() > 0) {
            p.add(bothWays ? "rtt " + Durations.format(2 * d.delayNanos()) : "delay " + Durations.format(d.delayNanos()));
        }
        if (d.jitterNanos() > 0) {
            p.add("jitter " + Durations.format(d.jitterNanos()));
        }
        if (d.rateBitsPerSecond() > 0) {
            p.add("rate " + rate(d.rateBitsPerSecond()) + " (queue " + d.effectiveQueue() + ")");
        }
        if (d.loss() > 0) {
            p.add("loss " + percent(d.loss()) + (d.lossBurst() > 1 ? " in bursts of " + trim(d.lossBurst()) : "")
                    + (d.lossMaxRun() > 0 ? ", at most " + d.lossMaxRun() + " in a row" : ""));
        }
        if (d.reorder() > 0) {
            p.add("reorder " + percent(d.reorder()) + " by " + Durations.format(d.reorderGapNanos()));
        }
        if (d.duplicate() > 0) {
            p.add("duplicate " + percent(d.duplicate()));
        }
        if (d.corrupt() > 0) {
            p.add("corrupt " + percent(d.corrupt()) + (d.corruptMaxRun() > 0 ? ", at most " + d.corruptMaxRun() + " in a row" : ""));
        }
        if (!d.drops().isEmpty()) {
            p.add("drop UDP packets " + d.drops());
        }
        return String.join(", ", p);
    }

    static String rate(long bps) {
        if (bps % 1_000_000_000L == 0) {
            return bps / 1_000_000_000L + "gbit";
        }
        if (bps % 1_000_000L == 0) {
            return bps / 1_000_000L + "mbit";
        }
        if (bps % 1000 == 0) {
            return bps / 1000 + "kbit";
        }
        return bps + "bit";
    }

    private static String percent(double p) {
        return trim(p * 100) + "%";
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.4g", v).replaceAll("\\.?0+$", "");
    }
}
