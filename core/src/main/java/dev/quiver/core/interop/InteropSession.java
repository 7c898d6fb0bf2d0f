package dev.quiver.core.interop;

import dev.quiver.core.report.Units;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Runs cases × engines one cell at a time, each on a thread of its own with its own timeout, so
 * that one failing or hanging case never stops the others.
 */
public final class InteropSession {

    /** How long a timed-out case gets to close its connections after it was interrupted. */
    private static final long CLEANUP_MILLIS = 3_000;

    private InteropSession() {
    }

    /**
     * @param onResult told of every cell as soon as it is known (progress output)
     */
    public static InteropMatrix run(InteropSettings settings, List<InteropCase> cases, List<InteropEngine> engines,
                                    Consumer<CaseResult> onResult) {
        List<CaseResult> results = new ArrayList<>();
        Resources resources = Resources.of(settings);
        for (InteropCase c : cases) {
            for (InteropEngine e : engines) {
                CaseResult result = runOne(c, e, settings, resources);
                results.add(result);
                onResult.accept(result);
            }
        }
        return new InteropMatrix(settings.target().url(), cases, engines.stream().map(InteropEngine::name).toList(),
                results);
    }

    static CaseResult runOne(InteropCase c, InteropEngine engine, InteropSettings settings, Resources resources) {
        long start = System.nanoTime();
        String unavailable = engine.unavailable();
        if (unavailable != null) {
            return new CaseResult(c, engine.name(), Verdict.UNSUPPORTED, unavailable, 0);
        }
        ExecutorService thread = Executors.newSingleThreadExecutor(t -> {
            Thread th = new Thread(t, "quiver-interop-" + c.id() + "-" + engine.name());
            th.setDaemon(true);
            return th;
        });
        Outcome outcome;
        InteropSettings forCase = settings.forCase(c);
        Duration timeout = forCase.caseTimeout();
        try {
            Future<Outcome> f = thread.submit(() -> {
                try (CaseRun run = new CaseRun(engine, forCase, resources)) {
                    return c.run(run);
                } catch (UnsupportedCase e) {
                    return Outcome.unsupported(e.getMessage());
                }
            });
            try {
                outcome = f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (outcome == null) {
                    outcome = Outcome.fail("the case reported nothing");
                }
            } catch (TimeoutException e) {
                f.cancel(true);
                outcome = Outcome.fail("timed out after " + Units.seconds(timeout) + " s");
            } catch (ExecutionException e) {
                outcome = Outcome.fail(describe(e.getCause()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                f.cancel(true);
                outcome = Outcome.fail("interrupted");
            }
        } finally {
            thread.shutdownNow();
            try {
                thread.awaitTermination(CLEANUP_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new CaseResult(c, engine.name(), outcome.verdict(), outcome.detail(), millis, outcome.measurement());
    }

    /** One line for an exception: its message, or its type when it has none, with the cause's. */
    static String describe(Throwable t) {
        StringBuilder s = new StringBuilder();
        int depth = 0;
        while (t != null && depth++ < 3) {
            String m = t.getMessage();
            String part = m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
            if (s.indexOf(part) < 0) {
                s.append(s.isEmpty() ? "" : ": ").append(part);
            }
            t = t.getCause();
        }
        String line = s.toString().replace('\n', ' ');
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
