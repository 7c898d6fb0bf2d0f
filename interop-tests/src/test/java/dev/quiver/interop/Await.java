package dev.quiver.interop;

import java.time.Duration;

/**
 * Waiting for something a test needs (a port, a line, a file, a server's count) by asking for it
 * every few milliseconds until it is there or the time is up: never a sleep of a guessed length,
 * which is too short on a busy machine and wasted on a quiet one.
 */
final class Await {

    private static final long POLL_MILLIS = 50;

    /** What is waited for; it may throw while it is not there yet (a server still starting). */
    @FunctionalInterface
    interface Condition {
        boolean met() throws Exception;
    }

    private Await() {
    }

    /**
     * Returns as soon as {@code condition} holds; an {@link AssertionError} naming {@code what} when
     * {@code timeout} passes first, or when {@code process} (if given) ends first: it will not come then.
     */
    static void until(String what, Duration timeout, Process process, Condition condition) throws InterruptedException {
        if (!poll(timeout, process, condition)) {
            throw new AssertionError((process != null && !process.isAlive() ? "the process ended (exit " + process.exitValue()
                    + ") before " : "no ") + what + " within " + timeout.toSeconds() + " s");
        }
    }

    /** As {@link #until}, saying true or false instead of failing. */
    static boolean poll(Duration timeout, Process process, Condition condition) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (check(condition)) {
                return true;
            }
            if (System.nanoTime() >= end || (process != null && !process.isAlive())) {
                return check(condition);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    private static boolean check(Condition condition) throws InterruptedException {
        try {
            return condition.met();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception notYet) {
            return false;
        }
    }
}
