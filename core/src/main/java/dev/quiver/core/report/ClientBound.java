package dev.quiver.core.report;

/**
 * Whether quiver itself was the bottleneck of a run: its process CPU against the cores it may use,
 * and how busy its busiest event loop was, sampled once per interval over the measured part (the
 * warm-up not counted). An interval is saturated when the process used at least
 * {@link #SATURATED} of its cores or a loop was busy for at least that share of it; the run is
 * client-bound when its saturated intervals cover at least {@link #MATERIAL_SHARE} of the sampled
 * time. Its figures then say more about the client than about the server.
 *
 * @param measured what was measured, in words: {@code "process CPU of 2 cores, 1 event-loop thread (on a core or waiting for one)"}
 * @param cores the cores quiver may use ({@link Runtime#availableProcessors()})
 * @param loops event-loop threads measured; 0 when the engine has none (kwik: process CPU only)
 * @param sampledSeconds wall time sampled
 * @param cpuSeconds quiver's process CPU time over that time
 * @param busiestLoopShare the busiest loop's busy time (on a core, or ready and waiting for one) against the sampled
 *                         time; NaN when no loop was measured
 * @param busiestLoopWaitShare the part of {@code busiestLoopShare} the loop spent waiting for a core: when it is most
 *                             of it, other processes took the cores, not quiver's own work
 * @param saturatedSeconds sampled time in saturated intervals
 */
public record ClientBound(String measured, int cores, int loops, double sampledSeconds, double cpuSeconds,
                          double busiestLoopShare, double busiestLoopWaitShare, double saturatedSeconds) {

    /** The share of the cores, or of a loop's time, from which an interval counts as saturated. */
    public static final double SATURATED = 0.90;
    /** The share of the sampled time that saturated intervals must cover for the run to be client-bound. */
    public static final double MATERIAL_SHARE = 0.30;

    /** Nothing sampled (a result written before quiver measured itself). */
    public static final ClientBound NONE = new ClientBound("nothing", 0, 0, 0, 0, Double.NaN, Double.NaN, 0);

    /** {@code cpuSeconds} against {@code sampledSeconds x cores}: how much of the cores quiver used. */
    public double cpuShare() {
        return sampledSeconds > 0 && cores > 0 ? cpuSeconds / (sampledSeconds * cores) : 0;
    }

    /** Whether quiver was saturated for a material share of the run. */
    public boolean saturated() {
        return sampledSeconds > 0 && saturatedSeconds >= MATERIAL_SHARE * sampledSeconds;
    }

    /** The share of the sampled time in saturated intervals. */
    public double saturatedShare() {
        return sampledSeconds > 0 ? saturatedSeconds / sampledSeconds : 0;
    }

    /** Whether the busiest loop spent most of its busy time waiting for a core rather than running. */
    public boolean loopMostlyWaited() {
        return !Double.isNaN(busiestLoopWaitShare) && busiestLoopWaitShare * 2 > busiestLoopShare;
    }

    /** Two results as one: times added (the CPU share then against the larger core count), the busiest loop of either. */
    ClientBound plus(ClientBound o) {
        if (o.sampledSeconds <= 0) {
            return this;
        }
        if (sampledSeconds <= 0) {
            return o;
        }
        double t = sampledSeconds + o.sampledSeconds;
        ClientBound busier = Double.isNaN(o.busiestLoopShare) || o.busiestLoopShare <= busiestLoopShare ? this : o;
        return new ClientBound(measured.contains(o.measured) ? measured : measured + "; " + o.measured, Math.max(cores, o.cores),
                Math.max(loops, o.loops), t, cpuSeconds + o.cpuSeconds, busier.busiestLoopShare, busier.busiestLoopWaitShare, saturatedSeconds + o.saturatedSeconds);
    }
}
