package dev.quiver.core.stats;

import dev.quiver.core.engine.ConnectionFacts;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of connection set-up facts over a run. Versions are counted in bounded categories, since
 * the version text comes from the peer's handshake.
 */
public final class ConnectionFactCounts {

    private static final int MAX_VERSIONS = 8;

    private final ErrorCategories versions = new ErrorCategories(MAX_VERSIONS);
    private final LongAdder resumed = new LongAdder();
    private final LongAdder earlyData = new LongAdder();
    private final LongAdder retry = new LongAdder();
    private final LongAdder unknownResumption = new LongAdder();

    public void record(ConnectionFacts f) {
        if (f.quicVersion() != null) {
            versions.increment(f.quicVersion());
        }
        if (f.resumed() == null) {
            unknownResumption.increment();
        } else if (f.resumed()) {
            resumed.increment();
        }
        if (Boolean.TRUE.equals(f.earlyData())) {
            earlyData.increment();
        }
        if (Boolean.TRUE.equals(f.retry())) {
            retry.increment();
        }
    }

    /** A snapshot for the run result. */
    public Summary summary() {
        return new Summary(versions.snapshot(), resumed.sum(), earlyData.sum(), retry.sum(), unknownResumption.sum());
    }

    /**
     * @param quicVersions connections by negotiated QUIC version
     * @param unknownResumption connections whose engine could not tell whether they resumed
     */
    public record Summary(Map<String, Long> quicVersions, long resumed, long earlyData, long retry,
                          long unknownResumption) {

        public static final Summary NONE = new Summary(Map.of(), 0, 0, 0, 0);

        /** Both summaries as one: counts summed, versions under the same bound. */
        public Summary plus(Summary o) {
            return new Summary(ErrorCategories.merge(List.of(quicVersions, o.quicVersions), MAX_VERSIONS),
                    resumed + o.resumed, earlyData + o.earlyData, retry + o.retry, unknownResumption + o.unknownResumption);
        }
    }
}
