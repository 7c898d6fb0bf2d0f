package dev.quiver.core.schedule;

import dev.quiver.core.engine.Connection;
import dev.quiver.core.engine.Engine;
import dev.quiver.core.engine.EngineProvider;
import dev.quiver.core.engine.HandshakeTimes;
import dev.quiver.core.report.IntervalSample;
import dev.quiver.core.report.RunResult;
import dev.quiver.core.report.StopReason;
import dev.quiver.core.stats.IntervalReporter;
import dev.quiver.core.stats.RunStatistics;
import dev.quiver.core.stream.StreamRecord;
import dev.quiver.core.stream.StreamState;
import dev.quiver.core.stream.StreamTracker;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Runs one load: decides when each request may start (closed or open model), keeps {@code -c}
 * connections up, retries refused requests once, stops on count, duration or {@link #stop()},
 * and always returns a {@link RunResult}. One scheduler per run.
 */
public final class Scheduler {

    private static final long LANE_CLOSE_WAIT_MILLIS = 5_000;

    private final RunSpec spec;
    private final EngineProvider provider;
    private final RunStatistics stats = new RunStatistics();
    private final StreamTracker tracker;
    private final Set<Lane> lanes = ConcurrentHashMap.newKeySet();
    private final List<ConnectionSlot> slots = new ArrayList<>();
    private final CountDownLatch done = new CountDownLatch(1);
    private final CountDownLatch preflight = new CountDownLatch(1);
    private final AtomicReference<String> preflightFailure = new AtomicReference<>();
    private final AtomicReference<Throwable> preflightCause = new AtomicReference<>();
    private final ScheduledExecutorService timer;
    private final IntervalReporter reporter;
    private final AtomicReference<Connection> firstConnection = new AtomicReference<>();

    private Engine engine;
    private volatile RequestBudget budget;
    private volatile boolean loadStarted;
    private volatile boolean stopping;
    private volatile boolean interrupted;
    private volatile StopReason stopReason = StopReason.INTERRUPTED;
    private volatile OpenModelDispatcher dispatcher;
    private volatile long loadStartNanos;
    private volatile long lastEndNanos;

    /**
     * @param progress receives an {@link IntervalSample} every report interval on the reporter thread; may be null
     */
    public Scheduler(RunSpec spec, EngineProvider provider, Consumer<IntervalSample> progress) {
        this.spec = spec;
        this.provider = provider;
        this.tracker = new StreamTracker(spec.workload().timeout(), this::onTerminal);
        this.reporter = new IntervalReporter(stats, tracker, spec.reportInterval(), progress);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "quiver-reporter");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Runs the load to its end and returns what it measured. Blocks the calling thread.
     *
     * @throws TargetUnreachableException when not even the first connection could be opened
     */
    public RunResult run() throws TargetUnreachableException {
        Workload w = spec.workload();
        engine = provider.create(spec.engineConfig(), tracker);
        try {
            for (int i = 0; i < w.connections(); i++) {
                slots.add(new ConnectionSlot(this, i));
            }
            // The first connection tells whether the target is there at all, and which protocol runs.
            slots.get(0).connect();
            awaitPreflight();
            if (preflightFailure.get() != null) {
                throw new TargetUnreachableException(preflightFailure.get(), preflightCause.get());
            }
            startLoad(w);
            boolean completed = awaitEnd(w);
            long now = System.nanoTime();
            if (!completed || lastEndNanos == 0) {
                lastEndNanos = now;
            }
        } finally {
            finish();
        }
        return RunResultAssembler.assemble(spec, provider.name(), firstConnection.get(), stats, tracker.counts(), reporter,
                loadStarted ? lastEndNanos - loadStartNanos : 0, interrupted ? stopReason : null);
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
        preflightDone("interrupted before the first connection");
        done.countDown();
    }

    private void awaitPreflight() {
        long waitMillis = spec.connectTimeout().toMillis() + 2_000;
        try {
            if (!preflight.await(waitMillis, TimeUnit.MILLISECONDS)) {
                preflightFailure.compareAndSet(null, "connect: timed out after " + spec.connectTimeout().toMillis() + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            preflightFailure.compareAndSet(null, "interrupted");
        }
    }

    private void startLoad(Workload w) {
        long start = System.nanoTime();
        long deadline = w.duration() == null ? start + Long.MAX_VALUE / 2 : start + w.duration().toNanos();
        loadStartNanos = start;
        reporter.start(start);
        budget = new RequestBudget(w.requests(), start, deadline, w.rate());
        loadStarted = true;
        if (interrupted) {
            budget.stop();
            return;
        }
        long interval = spec.reportInterval().toNanos();
        timer.scheduleAtFixedRate(() -> reporter.sample(!stopping), interval, interval, TimeUnit.NANOSECONDS);
        Lane first = slots.get(0).current();
        for (int i = 1; i < slots.size(); i++) {
            slots.get(i).connect();
        }
        if (isOpenModel()) {
            OpenModelDispatcher d = new OpenModelDispatcher(budget, slots, this::isStopping, this::checkDone);
            dispatcher = d;
            d.start();
        } else if (first != null && first.connection() != null) {
            first.connection().executor().execute(first::fill);
        }
    }

    /** Waits for the end of the load; true when every request finished (not deadline, not stop). */
    private boolean awaitEnd(Workload w) {
        try {
            if (w.duration() != null) {
                long remaining = loadStartNanos + w.duration().toNanos() - System.nanoTime();
                return done.await(Math.max(0, remaining), TimeUnit.NANOSECONDS) && !interrupted;
            }
            done.await();
            return !interrupted;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            interrupted = true;
            return false;
        }
    }

    /** Stops starting requests, cancels what still runs, closes connections and the engine. */
    private void finish() {
        stopping = true;
        tracker.cutOff("cancelled: run ended");
        RequestBudget b = budget;
        if (b != null) {
            b.stop();
        }
        wakeDispatcher();
        for (Lane lane : lanes) {
            Connection c = lane.connection();
            if (c != null) {
                c.close(StreamState.CANCELLED, "cancelled: run ended");
            }
        }
        long waitUntil = System.currentTimeMillis() + LANE_CLOSE_WAIT_MILLIS;
        // Connects still under way are not waited for: closing the engine ends them.
        while (lanes.stream().anyMatch(l -> l.connection() != null) && System.currentTimeMillis() < waitUntil) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
        OpenModelDispatcher d = dispatcher;
        if (d != null) {
            try {
                d.join(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (engine != null) {
            engine.close();
        }
        tracker.close();
        timer.shutdownNow();
        if (loadStarted) {
            reporter.sample(false);
        }
    }

    /**
     * A ticket was put back (a refused request to retry). In the open model the dispatcher takes
     * it; in the closed model a connection with room must, or else, once no fresh ticket is left,
     * every connection may sit idle and the retry would never start.
     */
    private void offerPutBack() {
        if (isOpenModel()) {
            wakeDispatcher();
            return;
        }
        for (ConnectionSlot slot : slots) {
            Lane lane = slot.current();
            if (lane != null && lane.room() > 0) {
                lane.connection().executor().execute(lane::fill);
                return;
            }
        }
        // No room anywhere: a connection that frees a stream, or a replacement that becomes
        // ready, fills itself and takes put-back tickets first.
    }

    void wakeDispatcher() {
        OpenModelDispatcher d = dispatcher;
        if (d != null) {
            d.wake();
        }
    }

    // ---- events from lanes and slots --------------------------------------------------------

    void connect(Lane lane) {
        lanes.add(lane);
        engine.connect(lane);
    }

    void onConnected(Connection c, HandshakeTimes times) {
        stats.connectionsOpened.increment();
        firstConnection.compareAndSet(null, c);
        if (times.connectNanos() >= 0) {
            stats.connect.recordNanos(times.connectNanos());
        }
        if (times.tlsNanos() >= 0) {
            stats.tlsHandshake.recordNanos(times.tlsNanos());
        }
        if (times.quicNanos() >= 0) {
            stats.quicHandshake.recordNanos(times.quicNanos());
        }
        stats.recordPeerStreamLimit(c.peerStreamLimit());
        stats.connectionFacts.record(c.facts());
    }

    void onConnectFailed(Lane lane, String category, Throwable cause) {
        lanes.remove(lane);
        if (stopping) {
            return; // a connect cut short by the end of the run is no failure of the target
        }
        stats.connectFailures.increment();
        stats.connectErrors.increment(category);
        if (!loadStarted) {
            preflightCause.compareAndSet(null, cause);
            preflightDone(category);
            return;
        }
        // A connect that fails during the load uses up one request, so that a run with -n ends
        // even when the target has gone away.
        RequestBudget b = budget;
        if (!stopping && !isOpenModel() && b.takeNow(System.nanoTime()).isReal()) {
            stats.failed.increment();
            stats.errors.increment(category);
        }
        checkDone();
    }

    void onLaneClosed(Lane lane, boolean lost) {
        lanes.remove(lane);
        if (lost && !stopping) {
            stats.connectionsLost.increment();
        }
    }

    void preflightDone(String failure) {
        if (failure != null) {
            preflightFailure.compareAndSet(null, failure);
        }
        preflight.countDown();
    }

    /** The tracker's one terminal event per stream: statistics, the retry of refused requests, the end check. */
    private void onTerminal(StreamRecord r, StreamState state, String category, long endNanos) {
        stats.bytesIn.add(r.bytesIn());
        stats.bytesOut.add(r.bytesOut());
        RequestBudget b = budget;
        if (state == StreamState.REFUSED && r.attempt() == 0 && b != null && !b.stopped()) {
            stats.retried.increment();
            b.putBack(new Ticket(r.intendedStartNanos(), 1));
            offerPutBack();
            return;
        }
        if (state == StreamState.COMPLETED) {
            stats.ok.increment();
            stats.status.increment(r.status());
            stats.latency.recordNanos(endNanos - r.intendedStartNanos());
            if (r.firstByteNanos() > 0) {
                stats.firstByte.recordNanos(r.firstByteNanos() - r.intendedStartNanos());
            }
        } else if (state == StreamState.CANCELLED && stopping) {
            stats.aborted.increment();
        } else {
            stats.failed.increment();
            stats.errors.increment(category != null ? category : state.key());
        }
        if (b != null && !stopping && b.exhausted(endNanos)) {
            lastEndNanos = endNanos;
            checkDone();
        }
    }

    /** Ends the run when no request will start any more and every started one has finished. */
    void checkDone() {
        RequestBudget b = budget;
        if (b == null || !b.exhausted(System.nanoTime()) || b.hasPutBack()) {
            return;
        }
        if (stats.finished() >= b.issued()) {
            done.countDown();
        }
    }

    void later(Runnable task, long delayNanos) {
        if (!stopping) {
            try {
                timer.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // the run is over
            }
        }
    }

    // ---- live figures, read while the run goes on (leak checks) -------------------------------

    /** Requests that reached a final outcome so far. */
    public long finishedRequests() {
        return stats.finished();
    }

    /** Streams open right now. */
    public long liveStreams() {
        return tracker.counts().live();
    }

    /** Time requests have waited for stream credit so far, waits still under way included. */
    public long creditWaitNanosNow() {
        long now = System.nanoTime();
        long total = stats.creditWaitNanos.sum();
        for (Lane lane : lanes) {
            total += lane.creditWaitingNanos(now);
        }
        return total;
    }

    // ---- for lanes --------------------------------------------------------------------------

    RequestBudget budget() {
        return budget;
    }

    RunStatistics statistics() {
        return stats;
    }

    boolean loadStarted() {
        return loadStarted;
    }

    boolean isStopping() {
        return stopping;
    }

    /** Open model: whether a due request waits because every connection is full. */
    boolean dispatcherWaiting() {
        OpenModelDispatcher d = dispatcher;
        return d != null && d.waiting();
    }

    boolean isOpenModel() {
        return spec.workload().model() == Workload.Model.OPEN;
    }

    int streamsPerConnection() {
        return spec.workload().streamsPerConnection();
    }
}
