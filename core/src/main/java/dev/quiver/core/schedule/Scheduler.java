package dev.quiver.core.schedule;

import dev.quiver.core.engine.Connection;
import dev.quiver.core.engine.Engine;
import dev.quiver.core.engine.EngineProvider;
import dev.quiver.core.error.ErrorCategory;
import dev.quiver.core.report.IntervalSample;
import dev.quiver.core.report.RunResult;
import dev.quiver.core.report.StopReason;
import dev.quiver.core.report.Warmup;
import dev.quiver.core.stats.ClientLoad;
import dev.quiver.core.stats.IntervalReporter;
import dev.quiver.core.stats.LiveSample;
import dev.quiver.core.stats.RunRecorder;
import dev.quiver.core.stats.WarmupTally;
import dev.quiver.core.stream.StreamRecord;
import dev.quiver.core.stream.StreamState;
import dev.quiver.core.stream.StreamTracker;
import dev.quiver.core.time.Clock;
import dev.quiver.core.time.Timer;
import dev.quiver.core.time.WallClock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Runs one load from its start to its result: the preflight connection, the start of the load,
 * its end on count, duration or {@link #stop()}, and the check that every request started has
 * finished. How requests are paced is the {@link Pacer}'s business, keeping connections up the
 * {@link ConnectionPool}'s, what counts as what the {@link RunRecorder}'s, which requests are tried
 * again the {@link RetryPolicy}'s, and the result the {@link RunResultAssembler}'s. One scheduler per run.
 *
 * <p>With a warm-up ({@link Workload#warmup()}) the load runs that long first, at the same settings
 * and on the same connections, then the measured part begins without a pause: its intervals, its
 * count ({@code -n}) and its duration ({@code -z}) start there. A request belongs to the part in
 * which it was meant to start; a warm-up request that ends in the measured part is still the
 * warm-up's ({@link WarmupTally}). The tracker's books and the connection figures cover the whole run.
 */
public final class Scheduler {

    private static final long CONNECTION_CLOSE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** The category of every stream the end of the run cancels. */
    static final String RUN_ENDED = ErrorCategory.cancelled("run ended");

    private final RunSpec spec;
    private final EngineProvider provider;
    private final Clock clock;
    private final RunRecorder recorder;
    private final RequestSequence sequence;
    private final WarmupTally warmup = new WarmupTally();
    private final RetryPolicy retry = new RetryPolicy();
    private final StreamTracker tracker;
    private final IntervalReporter reporter;
    private final Timer timer;
    private final Preflight preflight = new Preflight();
    private final CountDownLatch done = new CountDownLatch(1);
    private final AtomicReference<Connection> firstConnection = new AtomicReference<>();
    /** Whether a look at the waiting retries is scheduled ({@link #wakeForRetries}). */
    private final AtomicBoolean retryWakePending = new AtomicBoolean();
    /** Whether the measured part has started; guarded by this. */
    private boolean measuring;
    private volatile Runnable onMeasuredStart = () -> { };
    private volatile Consumer<LiveSample> onInterval = s -> { };

    private Engine engine;
    private volatile ConnectionPool pool;
    private volatile RequestBudget budget;
    private volatile Pacer pacer;
    private volatile boolean loadStarted;
    private volatile boolean stopping;
    private volatile boolean interrupted;
    private volatile StopReason stopReason = StopReason.INTERRUPTED;
    private volatile long loadStartNanos;
    private volatile long lastEndNanos;
    /** Start of the warm-up; the measured part starts at {@link #loadStartNanos}. */
    private volatile long warmupStartNanos;
    private volatile ClientLoad clientLoad;
    /** Wall-clock instant the load starts at (microseconds since the epoch), or -1 to start when ready. */
    private volatile long startAtMicros = -1;
    private boolean othersConnected;

    /**
     * @param progress receives an {@link IntervalSample} every report interval on the reporter thread; may be null
     */
    public Scheduler(RunSpec spec, EngineProvider provider, Consumer<IntervalSample> progress) {
        this(spec, provider, progress, Clock.system());
    }

    /**
     * @param clock what the run's time, waits and timers come from (a simulated one in tests about time)
     */
    public Scheduler(RunSpec spec, EngineProvider provider, Consumer<IntervalSample> progress, Clock clock) {
        this.spec = spec;
        this.provider = provider;
        this.clock = clock;
        this.recorder = new RunRecorder(spec.requests());
        this.sequence = new RequestSequence(spec.requests());
        this.tracker = new StreamTracker(spec.workload().timeout(), this::onTerminal, clock);
        this.reporter = new IntervalReporter(recorder.statistics(), tracker, spec.reportInterval(), progress, clock,
                spec.workload().ramp());
        this.timer = clock.newTimer("quiver-reporter");
    }

    /**
     * Runs the load to its end and returns what it measured. Blocks the calling thread.
     *
     * @throws TargetUnreachableException when not even the first connection could be opened
     */
    public RunResult run() throws TargetUnreachableException {
        Workload w = spec.workload();
        engine = provider.create(spec.engineConfig(), tracker);
        clientLoad = new ClientLoad(engine.loopThreads());
        try {
            pool = new ConnectionPool(engine, w.connections(), w.streamsPerConnection(), w.maxConnecting(), recorder, clock, timer,
                    new PoolEvents());
            // The first connection tells whether the target is there at all, and which protocol runs.
            pool.connectFirst();
            preflight.await(clock, spec.connectTimeout());
            if (startAtMicros >= 0) {
                awaitStartInstant();
            }
            startLoad(w);
            boolean completed = awaitEnd(w);
            if (!completed || lastEndNanos == 0) {
                lastEndNanos = clock.nanoTime();
            }
        } finally {
            finish();
        }
        return RunResultAssembler.assemble(spec, provider.name(), firstConnection.get(), recorder.statistics(), tracker.counts(),
                reporter, loadStarted ? lastEndNanos - loadStartNanos : 0, interrupted ? stopReason : null,
                warmupSummary(), clientLoad.result());
    }

    /**
     * Runs {@code action} once the measured part starts: on the reporter thread at the end of the
     * warm-up, or on the running thread as the load starts when there is none. Call before
     * {@link #run()}. A leak check starts judging there.
     */
    public void onMeasuredStart(Runnable action) {
        onMeasuredStart = action;
    }

    /**
     * Starts the load at this wall-clock instant instead of as soon as the first connection is ready,
     * so that shards on several machines load together: every connection is opened before it.
     * Call before {@link #run()}. A run that is ready only after the instant starts at once; its
     * window's start tells by how much it was late.
     *
     * @param epochMicros microseconds since the epoch
     */
    public void startAt(long epochMicros) {
        startAtMicros = epochMicros;
    }

    /**
     * Hands {@code listener} a {@link LiveSample} at the end of every interval of the measured part, on
     * the reporter thread, and once more after the load ended. Call before {@link #run()}. A metrics
     * page and thresholds that end a run early follow it there, never on the request path.
     */
    public void onInterval(Consumer<LiveSample> listener) {
        onInterval = listener;
    }

    /** Ends the run early (Ctrl-C): as {@link #stop(StopReason)}, stop reason {@code interrupted}. */
    public void stop() {
        stop(StopReason.INTERRUPTED);
    }

    /**
     * Ends the run early: requests in flight are cancelled and the result is still returned.
     *
     * @param reason the result's stop reason: {@link StopReason#INTERRUPTED} (SIGINT), {@link StopReason#TERMINATED} (SIGTERM)
     */
    public void stop(StopReason reason) {
        stopReason = reason;
        interrupted = true;
        RequestBudget b = budget;
        if (b != null) {
            b.stop();
        }
        preflight.failed("interrupted before the first connection", null);
        done.countDown();
    }

    /** Opens the other connections, then waits for the start instant (a stop ends the wait). */
    private void awaitStartInstant() {
        othersConnected = true;
        pool.connectOthers();
        long waitMicros = startAtMicros - WallClock.nowMicros();
        if (waitMicros > 0) {
            try {
                clock.await(done, waitMicros * 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                interrupted = true;
            }
        }
    }

    private void startLoad(Workload w) {
        long start = clock.nanoTime();
        long warm = w.warmup().toNanos();
        long measuredFrom = start + warm;
        long deadline = w.duration() == null ? measuredFrom + Long.MAX_VALUE / 2 : measuredFrom + w.duration().toNanos();
        warmupStartNanos = start;
        loadStartNanos = measuredFrom;
        RequestBudget b = new RequestBudget(w.requests(), start, measuredFrom, deadline, sequence,
                spec.connectTimeout().toNanos());
        budget = b;
        loadStarted = true;
        if (interrupted) {
            b.stop();
            loadStartNanos = start;
            startMeasuring(start);
            return;
        }
        long interval = spec.reportInterval().toNanos();
        if (warm > 0) {
            timer.schedule(() -> startMeasuring(measuredFrom), warm);
        } else {
            startMeasuring(start);
        }
        timer.scheduleAtFixedRate(this::sample, warm + interval, interval);
        Pacer p = Pacer.of(w, b, pool, clock, this::checkDone);
        pacer = p;
        pool.pace(p);
        if (!othersConnected) {
            pool.connectOthers();
        }
        p.start();
    }

    /**
     * The measured part starts at {@code nanos}: intervals and the client's own load count from here.
     *
     * @return false when it had started already
     */
    private synchronized boolean startMeasuring(long nanos) {
        if (measuring) {
            return false;
        }
        measuring = true;
        reporter.start(nanos);
        clientLoad.start();
        onMeasuredStart.run();
        return true;
    }

    /** One interval, on the reporter thread. */
    private void sample() {
        reporter.sample(!stopping);
        clientLoad.sample();
        follow(liveSample(false));
    }

    /**
     * Hands the sample to the listener. One that fails is dropped rather than let through: an exception
     * out of this timer task would cancel it, and with it every later interval of the report.
     */
    private void follow(LiveSample s) {
        try {
            onInterval.accept(s);
        } catch (RuntimeException e) {
            onInterval = x -> { };
        }
    }

    /** The run as the reporter thread has it after an interval (reporter thread, or the running thread at the end). */
    private LiveSample liveSample(boolean last) {
        var stats = recorder.statistics();
        RequestBudget b = budget;
        long finished = stats.finished();
        long inFlight = b == null ? 0 : Math.max(0, b.issued() - finished);
        return new LiveSample(Math.max(0, clock.nanoTime() - loadStartNanos), stats.ok(), stats.failed(), stats.aborted(),
                stats.retried(), inFlight, stats.errors(), tracker.counts(), stats.connectionsOpened(), stats.connectionsLost(),
                stats.connectFailures(), stats.goawaysReceived(), creditWaitNanosNow(), reporter.lastInterval(), last);
    }

    /** What the warm-up did: as long as it ran (a stop may have cut it short). */
    private Warmup warmupSummary() {
        long warm = spec.workload().warmup().toNanos();
        if (warm == 0 || !loadStarted) {
            return Warmup.NONE;
        }
        long ran = Math.min(warm, Math.max(0, lastEndNanos - warmupStartNanos));
        // To the millisecond, as the JSON report writes it: a result read back merges to the same figures.
        RequestBudget b = budget;
        return warmup.summary(Math.round(ran / 1e6) / 1e3, b == null ? 0 : b.warmupNotStarted());
    }

    /** Waits for the end of the load; true when every request finished (not deadline, not stop). */
    private boolean awaitEnd(Workload w) {
        try {
            long remaining = w.duration() == null ? Long.MAX_VALUE
                    : Math.max(0, loadStartNanos + w.duration().toNanos() - clock.nanoTime());
            return clock.await(done, remaining) && !interrupted;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            interrupted = true;
            return false;
        }
    }

    /** Stops starting requests, cancels what still runs, closes connections and the engine. */
    private void finish() {
        if (pool != null) {
            pool.stop();
        }
        stopping = true;
        tracker.cutOff(RUN_ENDED);
        RequestBudget b = budget;
        if (b != null) {
            b.stop();
        }
        Pacer p = pacer;
        if (p != null) {
            p.stop();
        }
        if (loadStarted) {
            // Stopped during the warm-up: the measured part is empty and starts where the run ended.
            long end = lastEndNanos != 0 ? lastEndNanos : clock.nanoTime();
            if (startMeasuring(end)) {
                loadStartNanos = end;
            }
            // Before connections close: what quiver used for the load, not for tearing it down.
            clientLoad.sample();
        }
        if (pool != null) {
            pool.closeAll();
            clock.awaitUntil(pool::allClosed, CONNECTION_CLOSE_WAIT_NANOS);
        }
        if (p != null) {
            try {
                p.join(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (engine != null) {
            engine.close();
        }
        tracker.close();
        timer.close();
        if (loadStarted) {
            reporter.sample(false);
            follow(liveSample(true));
        }
    }

    /** What the pool tells the run: the only way in from the pool. */
    private final class PoolEvents implements PoolListener {

        @Override
        public void connectionReady(Connection c) {
            firstConnection.compareAndSet(null, c);
            preflight.succeeded();
        }

        @Override
        public void connectFailed(String category, Throwable cause) {
            if (!loadStarted) {
                preflight.failed(category, cause);
                return;
            }
            // A connect that fails during the load may use up one request (the pacer says), so
            // that a run with -n ends even when the target has gone away.
            Pacer p = pacer;
            long now = clock.nanoTime();
            if (!stopping && p != null && p.chargeFailedConnect(now)) {
                if (budget.inWarmup(now)) {
                    warmup.requestFailedToConnect(category);
                } else {
                    recorder.requestFailedToConnect(category);
                }
            }
            checkDone();
        }
    }

    // ---- the tracker's one terminal event per stream ----------------------------------------

    private void onTerminal(StreamRecord r, StreamState state, String category, long endNanos) {
        RequestBudget b = budget;
        boolean warmupRequest = b != null && b.inWarmup(r.intendedStartNanos());
        Ticket again = b == null ? null : retry.retryOf(r, state);
        if (again != null && !b.stopped()) {
            if (warmupRequest) {
                warmup.retried();
            } else {
                recorder.retried(r);
            }
            ConnectionPool cp = pool;
            boolean newerThere = cp.connectUnderWay() || cp.readySince(r.startNanos());
            b.retry(again, r.startNanos(), clock.nanoTime(), newerThere);
            Pacer p = pacer;
            if (p != null) {
                p.onPutBack();
            }
            if (newerThere) {
                wakeForRetries(spec.connectTimeout().toNanos());
            }
            return;
        }
        if (warmupRequest) {
            warmup.ended(state, category, stopping);
            return;
        }
        recorder.ended(r, state, category, endNanos, stopping);
        if (b != null && !stopping && b.exhausted(endNanos)) {
            lastEndNanos = endNanos;
            checkDone();
        }
    }

    /**
     * A retry may wait for a connection newer than its refused attempt, at most the connect timeout;
     * should none be ready by then, the pacer must look again, as any connection may take it now. One
     * wake-up is pending at a time (not one per refusal); while retries wait, it comes again every
     * eighth of the timeout, so none waits more than 9/8 of it.
     */
    private void wakeForRetries(long delayNanos) {
        if (!retryWakePending.compareAndSet(false, true)) {
            return;
        }
        pool.later(() -> {
            retryWakePending.set(false);
            Pacer p = pacer;
            if (p != null) {
                p.onPutBack();
            }
            RequestBudget b = budget;
            if (b != null && b.hasRetries()) {
                wakeForRetries(spec.connectTimeout().toNanos() / 8);
            }
        }, delayNanos);
    }

    /** Ends the run when no request will start any more and every started one has finished. */
    private void checkDone() {
        RequestBudget b = budget;
        if (b == null || !b.exhausted(clock.nanoTime()) || b.hasPutBack()) {
            return;
        }
        if (recorder.finished() >= b.issued()) {
            done.countDown();
        }
    }

    // ---- live figures, read while the run goes on (leak checks) -------------------------------

    /** Requests that reached a final outcome so far. */
    public long finishedRequests() {
        return recorder.finished();
    }

    /** Streams open right now. */
    public long liveStreams() {
        return tracker.counts().live();
    }

    /** Time requests have waited for stream credit so far, waits still under way included. */
    public long creditWaitNanosNow() {
        long now = clock.nanoTime();
        long total = recorder.statistics().creditWaitNanos();
        ConnectionPool p = pool;
        return p == null ? total : total + p.creditWaitingNanos(now);
    }
}
