package dev.quiver.core.schedule;

import dev.quiver.core.ramp.Ramp;
import dev.quiver.core.ramp.RampKind;
import dev.quiver.core.report.LoadModel;
import java.time.Duration;

/**
 * How much load, and how it is paced.
 *
 * @param connections connections kept open ({@code -c}); virtual users in the closed model
 * @param streamsPerConnection concurrent streams per connection for HTTP/2 and HTTP/3 ({@code -p})
 * @param requests stop after this many requests ({@code -n}); 0 for no count limit
 * @param duration stop after this long ({@code -z}); null for no time limit
 * @param rate requests per second on a fixed schedule ({@code -q}): the open model; 0 for the closed model
 * @param timeout a request that has not ended after this long is timed out ({@code -t}); zero for none
 * @param warmup load at the same settings for this long before the measured part ({@code --warmup}); zero for
 *               none. {@code requests} and {@code duration} are of the measured part only.
 * @param ramp stages of arrival rates (open model, {@code rate} 0) or of connection counts (closed model,
 *             {@code connections} their highest), or null for a steady load; {@code duration} is its total
 * @param maxConnecting connects (TCP and TLS, or the QUIC handshake) under way at once ({@code --max-connecting});
 *                      the others wait their turn
 */
public record Workload(int connections, int streamsPerConnection, long requests, Duration duration,
                       double rate, Duration timeout, Duration warmup, Ramp ramp, int maxConnecting) {

    /**
     * Connects under way at once unless told otherwise. Thousands at once overflow the server's
     * accept queue (its SYNs retried after a second, handshakes timed from a queue, not the
     * server) and hold thousands of half-made TLS states: at 10,000 HTTP/2 connections to one local
     * server, 256 at a time reached them all sooner (10.5 s, not 13) at 70-90 MB less peak RSS.
     */
    public static final int DEFAULT_MAX_CONNECTING = 256;

    public Workload {
        if (connections < 1) {
            throw new IllegalArgumentException("connections (-c) must be at least 1");
        }
        if (streamsPerConnection < 1) {
            throw new IllegalArgumentException("streams per connection (-p) must be at least 1");
        }
        if (requests < 0) {
            throw new IllegalArgumentException("requests (-n) must be at least 1");
        }
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException("duration (-z) must be positive");
        }
        if (requests == 0 && duration == null) {
            throw new IllegalArgumentException("give a request count (-n) or a duration (-z)");
        }
        if (rate < 0 || Double.isNaN(rate) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("rate (-q) must be a positive number");
        }
        if (timeout == null || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout (-t) must not be negative");
        }
        if (warmup == null || warmup.isNegative()) {
            throw new IllegalArgumentException("warm-up (--warmup) must not be negative");
        }
        if (ramp != null) {
            checkRamp(connections, duration, rate, ramp);
        }
        if (maxConnecting < 1) {
            throw new IllegalArgumentException("connects under way (--max-connecting) must be at least 1");
        }
    }

    /** A workload with the default bound on connects under way. */
    public Workload(int connections, int streamsPerConnection, long requests, Duration duration,
                    double rate, Duration timeout, Duration warmup, Ramp ramp) {
        this(connections, streamsPerConnection, requests, duration, rate, timeout, warmup, ramp, DEFAULT_MAX_CONNECTING);
    }

    private static void checkRamp(int connections, Duration duration, double rate, Ramp ramp) {
        if (!ramp.total().equals(duration)) {
            throw new IllegalArgumentException("the duration of a ramped load is its stages' total");
        }
        if (ramp.kind() == RampKind.RATE && rate > 0) {
            throw new IllegalArgumentException("give either -q or --ramp, not both");
        }
        if (ramp.kind() == RampKind.CONNECTIONS && connections != (int) ramp.max()) {
            throw new IllegalArgumentException("a connection ramp keeps at most its highest stage's connections");
        }
    }

    /** A workload without a ramp. */
    public Workload(int connections, int streamsPerConnection, long requests, Duration duration,
                    double rate, Duration timeout, Duration warmup) {
        this(connections, streamsPerConnection, requests, duration, rate, timeout, warmup, null);
    }

    /** A workload without warm-up. */
    public Workload(int connections, int streamsPerConnection, long requests, Duration duration, double rate, Duration timeout) {
        this(connections, streamsPerConnection, requests, duration, rate, timeout, Duration.ZERO);
    }

    /** The same workload with another warm-up (compare: only a variant's first round warms up). */
    public Workload withWarmup(Duration d) {
        return new Workload(connections, streamsPerConnection, requests, duration, rate, timeout, d, ramp, maxConnecting);
    }

    public LoadModel model() {
        return rate > 0 || (ramp != null && ramp.kind() == RampKind.RATE) ? LoadModel.OPEN : LoadModel.CLOSED;
    }

    /** The stages of the whole load, warm-up included (it holds the first stage's start value), or null. */
    Ramp rampFromStart() {
        return ramp == null ? null : ramp.withLeadIn(warmup);
    }
}
