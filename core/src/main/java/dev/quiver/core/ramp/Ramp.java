package dev.quiver.core.ramp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A load that changes over time: stages run one after another, each taking the target (arrival
 * rate or connection count) linearly from one value to another. Written {@code
 * 10s:0->1000,30s:1000,10s:1000->0} ({@link RampParser}).
 *
 * <p>Time is nanoseconds from the start of the ramp; past its end the target is the last stage's end value.
 */
public record Ramp(RampKind kind, List<Stage> stages) {

    /** More stages than this are a typo, not a plan, and each stage is looked up per request. */
    public static final int MAX_STAGES = 1000;

    public Ramp {
        if (kind == null) {
            throw new IllegalArgumentException("a ramp has a kind");
        }
        stages = List.copyOf(stages);
        if (stages.isEmpty() || stages.size() > MAX_STAGES) {
            throw new IllegalArgumentException("a ramp has 1 to " + MAX_STAGES + " stages");
        }
        if (kind == RampKind.CONNECTIONS) {
            for (Stage s : stages) {
                if (s.from() != Math.rint(s.from()) || s.to() != Math.rint(s.to())) {
                    throw new IllegalArgumentException("connection counts are whole numbers");
                }
            }
        }
    }

    /** Parses {@code text} as the stages of {@code kind}; see {@link RampParser}. */
    public static Ramp parse(RampKind kind, String text) {
        return RampParser.parse(kind, text);
    }

    /** The sum of the stages' durations. */
    public Duration total() {
        Duration d = Duration.ZERO;
        for (Stage s : stages) {
            d = d.plus(s.duration());
        }
        return d;
    }

    public long totalNanos() {
        return total().toNanos();
    }

    /** The highest target of any stage: the connections a connection ramp needs at most. */
    public double max() {
        double m = 0;
        for (Stage s : stages) {
            m = Math.max(m, Math.max(s.from(), s.to()));
        }
        return m;
    }

    /** The target as the ramp begins. */
    public double first() {
        return stages.get(0).from();
    }

    /** The target {@code t} nanoseconds from the start; before it the first value, after the end the last. */
    public double valueAt(long t) {
        long at = 0;
        for (Stage s : stages) {
            if (t < at + s.nanos()) {
                return s.valueAt(Math.max(0, t - at));
            }
            at += s.nanos();
        }
        return stages.get(stages.size() - 1).to();
    }

    /**
     * The integral of the target over {@code [from, to)} nanoseconds, in target-seconds: the
     * requests a rate ramp schedules in that time. Time outside the ramp counts nothing.
     */
    public double integral(long from, long to) {
        return integralTo(to) - integralTo(from);
    }

    /** The mean target over {@code [from, to)}: what an interval of a run should have seen. */
    public double mean(long from, long to) {
        if (to <= from) {
            return valueAt(from);
        }
        long end = Math.min(to, totalNanos());
        if (end <= from) {
            return 0;
        }
        return integral(from, end) / ((end - from) / 1e9);
    }

    private double integralTo(long t) {
        double sum = 0;
        long at = 0;
        for (Stage s : stages) {
            if (t <= at) {
                break;
            }
            sum += s.integralTo(t - at);
            at += s.nanos();
        }
        return sum;
    }

    /**
     * Every target times {@code factor}: a rate ramp's share of a split load, or a connection ramp
     * for HTTP/1.1 in {@code compare} ({@code -p} connections per virtual user). Connection counts
     * must stay whole numbers (split them with {@link #split}).
     */
    public Ramp scaled(double factor) {
        if (!(factor >= 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("a scale factor is finite and not negative");
        }
        return new Ramp(kind, stages.stream().map(s -> s.scaled(factor)).toList());
    }

    /**
     * This ramp as {@code parts} ramps that together give it at every moment: rates divided
     * evenly; connection counts as whole numbers, the remainder going to the first parts, so
     * that the parts' counts add up to the whole at every stage boundary (and, being linear, in between).
     */
    public List<Ramp> split(int parts) {
        if (parts < 1) {
            throw new IllegalArgumentException("split into at least one part");
        }
        List<Ramp> out = new ArrayList<>(parts);
        for (int i = 0; i < parts; i++) {
            if (kind == RampKind.RATE) {
                out.add(scaled(1.0 / parts));
                continue;
            }
            List<Stage> own = new ArrayList<>(stages.size());
            for (Stage s : stages) {
                own.add(new Stage(s.duration(), share(s.from(), i, parts), share(s.to(), i, parts)));
            }
            out.add(new Ramp(kind, own));
        }
        return out;
    }

    private static double share(double whole, int index, int parts) {
        long w = (long) whole;
        return w / parts + (index < w % parts ? 1 : 0);
    }

    /**
     * This ramp with a hold at its first value for {@code lead} in front: the warm-up of a ramped
     * run, which loads at the value the ramp starts from.
     */
    public Ramp withLeadIn(Duration lead) {
        if (lead.isZero()) {
            return this;
        }
        List<Stage> all = new ArrayList<>(stages.size() + 1);
        all.add(new Stage(lead, first(), first()));
        all.addAll(stages);
        return new Ramp(kind, all);
    }

    /**
     * The stages of results that ran side by side (shards of one load) as one: the targets
     * added. Null when they do not have the same kind and stage durations.
     */
    public Ramp plus(Ramp other) {
        if (other == null || other.kind != kind || other.stages.size() != stages.size()) {
            return null;
        }
        List<Stage> sum = new ArrayList<>(stages.size());
        for (int i = 0; i < stages.size(); i++) {
            Stage a = stages.get(i);
            Stage b = other.stages.get(i);
            if (!a.duration().equals(b.duration())) {
                return null;
            }
            sum.add(new Stage(a.duration(), a.from() + b.from(), a.to() + b.to()));
        }
        return new Ramp(kind, sum);
    }

    /** A duration as a stage writes it: {@code 1h}, {@code 2m}, {@code 10s}, {@code 500ms}. */
    public static String durationText(Duration d) {
        return RampParser.formatDuration(d);
    }

    /** The stages as the flag takes them: {@code 10s:0->1000,30s:1000}. */
    public String text() {
        return RampParser.format(this);
    }
}
