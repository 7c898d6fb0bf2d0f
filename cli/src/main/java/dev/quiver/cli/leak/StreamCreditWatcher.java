package dev.quiver.cli.leak;

import dev.quiver.core.leak.Reading;
import dev.quiver.core.leak.Resource;
import dev.quiver.core.leak.Watcher;
import dev.quiver.core.report.Units;
import dev.quiver.core.schedule.Scheduler;
import java.util.List;
import java.util.function.Supplier;

/**
 * The server's stream credit as quiver feels it (HTTP/2 and HTTP/3): the total time requests
 * waited because the server's stream limit was reached. A server whose stream map never frees
 * grants less and less credit until the load stalls, and the waits grow with nothing completing.
 */
public final class StreamCreditWatcher implements Watcher {

    static final Resource WAIT = new Resource("server stream credit wait", Resource.Unit.MILLIS, true);

    private final Supplier<Scheduler> load;

    public StreamCreditWatcher(Supplier<Scheduler> load) {
        this.load = load;
    }

    @Override
    public String name() {
        return "stream credit";
    }

    @Override
    public List<Reading> read() {
        Scheduler s = load.get();
        return List.of(new Reading(WAIT, s == null ? 0 : Units.millisFromNanos(s.creditWaitNanosNow())));
    }
}
