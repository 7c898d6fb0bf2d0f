package dev.quiver.core.schedule;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Hands out tickets: the only place that decides whether another request may start. The closed
 * model takes a ticket whenever a stream slot is free; the open model takes ticket {@code i} when
 * its {@link ArrivalSchedule} says. Requests put back (a dispatched one that found no room) are
 * handed out first, then refused ones to retry, each to a connection its {@link RetryQueue} allows;
 * their number is bounded by the streams in flight.
 *
 * <p>A ticket meant to start before {@code measuredFromNanos} belongs to the warm-up: it is handed
 * out without limit and does not count against {@code -n}; the open model's schedule runs on
 * through the boundary at the same rate. The warm-up's scheduled tickets not started by its end
 * (it fell behind its rate) are dropped there, so that the measured part runs on its own schedule
 * rather than on the warm-up's backlog; {@link #warmupNotStarted()} counts them.
 */
final class RequestBudget {

    private final long limit;
    private final long deadlineNanos;
    private final long startNanos;
    private final long measuredFromNanos;
    /** Fresh tickets of the measured part. */
    private final AtomicLong issued = new AtomicLong();
    /**
     * Closed model, no {@code -n}, one request: a ticket's number matters to nothing, so the
     * event loops count their tickets apart (a striped counter) rather than all increment one
     * shared number, whose cache line every ticket moved between cores.
     */
    private final boolean unnumbered;
    private final LongAdder unnumberedIssued = new LongAdder();
    /** Fresh tickets of the warm-up. */
    private final AtomicLong warmupIssued = new AtomicLong();
    /** Scheduled warm-up tickets dropped at its end, not started. */
    private final AtomicLong warmupNotStarted = new AtomicLong();
    private final ConcurrentLinkedQueue<Ticket> putBack = new ConcurrentLinkedQueue<>();
    private final RetryQueue retries;
    private final RequestSequence sequence;
    private volatile boolean stopped;

    /**
     * @param limit requests of the measured part, 0 for no limit
     * @param measuredFromNanos where the warm-up ends and the measured part begins; {@code startNanos} for no warm-up
     * @param deadlineNanos no request starts at or after this time; {@link Long#MAX_VALUE} for none
     * @param sequence which request each fresh ticket sends: the warm-up's tickets and the measured part's each
     *                 follow it from its start, so each part meets the weights exactly
     * @param newerWaitNanos how long a retry waits at most for a connection newer than its refused attempt ({@link RetryQueue})
     */
    RequestBudget(long limit, long startNanos, long measuredFromNanos, long deadlineNanos, RequestSequence sequence,
                  long newerWaitNanos) {
        this.sequence = sequence;
        this.retries = new RetryQueue(newerWaitNanos);
        this.limit = limit;
        this.startNanos = startNanos;
        this.measuredFromNanos = measuredFromNanos;
        this.deadlineNanos = deadlineNanos;
        this.unnumbered = limit == 0 && sequence.single();
    }

    /** When the load (its warm-up first) started: the origin of the schedule. */
    long startNanos() {
        return startNanos;
    }

    /** Whether a request meant to start at {@code intendedStartNanos} belongs to the warm-up. */
    boolean inWarmup(long intendedStartNanos) {
        return intendedStartNanos - measuredFromNanos < 0;
    }

    /**
     * Closed model: a put-back ticket, a retry this connection may take, a ticket for now, or DONE.
     *
     * @param readyAtNanos when the connection that asks became ready; {@link RetryQueue#ANY_CONNECTION} for any
     */
    Ticket takeNow(long now, long readyAtNanos) {
        Ticket back = putBack.poll();
        if (back != null) {
            return back;
        }
        back = retries.takeFor(readyAtNanos, now);
        if (back != null) {
            return back;
        }
        if (stopped || now - deadlineNanos >= 0) {
            return Ticket.DONE;
        }
        if (unnumbered) {
            if (!inWarmup(now)) {
                unnumberedIssued.increment();
            }
            return new Ticket(now, 0, 0);
        }
        if (inWarmup(now)) {
            return new Ticket(now, 0, sequence.entryOf(warmupIssued.incrementAndGet()));
        }
        long n = issued.incrementAndGet();
        if (limit > 0 && n > limit) {
            issued.decrementAndGet();
            return Ticket.DONE;
        }
        return new Ticket(now, 0, sequence.entryOf(n));
    }

    /** Open model: the intended start of the next scheduled request, without taking it; {@link Long#MAX_VALUE} past the end. */
    long nextScheduledStart(ArrivalSchedule schedule) {
        long i = issued.get();
        if (stopped || (limit > 0 && i >= limit)) {
            return Long.MAX_VALUE;
        }
        long t = startNanos + schedule.offsetNanos(warmupIssued.get() + i);
        return t - deadlineNanos >= 0 ? Long.MAX_VALUE : t;
    }

    /** Open model: a retry a connection ready since {@code readyAtNanos} may take, or null. */
    Ticket takeRetry(long readyAtNanos, long now) {
        return retries.takeFor(readyAtNanos, now);
    }

    boolean hasRetries() {
        return !retries.isEmpty();
    }

    /** Open model: a put-back ticket, else the next scheduled one if its time has come, else NOT_YET or DONE. */
    Ticket takeScheduled(long now, ArrivalSchedule schedule) {
        Ticket back = putBack.poll();
        if (back != null) {
            return back;
        }
        long t = nextScheduledStart(schedule);
        if (t == Long.MAX_VALUE) {
            return Ticket.DONE;
        }
        if (t - now > 0) {
            return Ticket.NOT_YET;
        }
        if (inWarmup(t) && !inWarmup(now)) {
            dropWarmupBacklog(schedule);
            return takeScheduled(now, schedule);
        }
        // one dispatcher thread takes scheduled tickets
        long n = (inWarmup(t) ? warmupIssued : issued).incrementAndGet();
        return new Ticket(t, 0, sequence.entryOf(n));
    }

    /** Skips the schedule past the warm-up's tickets (the first of them is due and not taken). */
    private void dropWarmupBacklog(ArrivalSchedule schedule) {
        long warmSpan = measuredFromNanos - startNanos;
        long from = warmupIssued.get() + issued.get(); // the first ticket not taken: a warm-up one
        long step = 1;
        long hi = from + step;
        while (schedule.offsetNanos(hi) < warmSpan) { // find a ticket of the measured part
            step *= 2;
            hi = from + step;
        }
        long lo = from; // a warm-up ticket; hi a measured one: the boundary lies between
        while (hi - lo > 1) {
            long mid = (lo + hi) >>> 1;
            if (schedule.offsetNanos(mid) < warmSpan) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        warmupNotStarted.addAndGet(hi - from);
        warmupIssued.addAndGet(hi - from);
    }

    /** The warm-up's scheduled tickets dropped at its end without being started (open model). */
    long warmupNotStarted() {
        return warmupNotStarted.get();
    }

    /** Takes a ticket back to hand out again: a start that found no room. */
    void putBack(Ticket t) {
        putBack.add(t);
    }

    /** A refused request to try again; see {@link RetryQueue#add}. */
    void retry(Ticket t, long attemptStartNanos, long now, boolean newerThere) {
        retries.add(t, attemptStartNanos, now, newerThere);
    }

    /** Whether tickets wait to be handed out again: put back or to retry. */
    boolean hasPutBack() {
        return !putBack.isEmpty() || !retries.isEmpty();
    }

    void stop() {
        stopped = true;
    }

    boolean stopped() {
        return stopped;
    }

    /** Fresh tickets of the measured part handed out so far. */
    long issued() {
        return issued.get() + unnumberedIssued.sum();
    }

    /** True once no fresh ticket will be handed out any more (put-back ones may still be). */
    boolean exhausted(long now) {
        if (stopped || now - deadlineNanos >= 0) {
            return true;
        }
        return limit > 0 && issued.get() >= limit;
    }
}
