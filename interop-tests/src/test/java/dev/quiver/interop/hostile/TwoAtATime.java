package dev.quiver.interop.hostile;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Runs the hostile cases of a test class two at a time in the background, since most of a case is
 * quiver waiting for a timeout, and hands each case's outcome to its own dynamic test, in order; the
 * checks run on JUnit's thread, one case after the other, so a failure names its case as before.
 */
final class TwoAtATime implements AutoCloseable {

    /** One case's work (start the server, run quiver, stop the server) or its checks. */
    @FunctionalInterface
    interface Step<I, O> {
        O apply(I input) throws Exception;
    }

    @FunctionalInterface
    interface Check<C, R> {
        void accept(C c, R outcome) throws Exception;
    }

    private final ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "hostile-case");
        t.setDaemon(true);
        return t;
    });

    /** Starts every case now and returns one dynamic test per case that waits for it and checks it. */
    <C, R> Stream<DynamicTest> run(List<C> cases, Function<C, String> name, Step<C, R> attack, Check<C, R> check) {
        List<Future<R>> outcomes = cases.stream().map(c -> pool.submit(() -> attack.apply(c))).toList();
        return IntStream.range(0, cases.size()).mapToObj(i -> DynamicTest.dynamicTest(
                name.apply(cases.get(i)), () -> check.accept(cases.get(i), await(outcomes.get(i)))));
    }

    private static <R> R await(Future<R> outcome) throws Exception {
        try {
            return outcome.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error; // an assertion that failed while the case ran (quiver wedged)
            }
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    @Override
    public void close() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(30, TimeUnit.SECONDS);
    }
}
