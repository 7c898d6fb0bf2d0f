package dev.quiver.core.schedule;

import dev.quiver.core.engine.EngineConfig;
import dev.quiver.core.engine.Protocol;
import dev.quiver.core.engine.QlogFiles;
import dev.quiver.core.engine.RequestTemplate;
import dev.quiver.core.engine.Target;
import java.time.Duration;

/**
 * One run as the user described it.
 *
 * @param protocol the protocol asked for, or null to negotiate
 * @param ioThreads event-loop threads for the engine; 0 for one per core
 * @param reportInterval how often interval samples (progress, time series) are taken
 * @param qlog where QUIC connections write their qlog ({@code --qlog}), {@link QlogFiles#OFF} for nowhere
 */
public record RunSpec(Target target, Protocol protocol, boolean insecure, RequestTemplate request,
                      Workload workload, Duration connectTimeout, int ioThreads, Duration reportInterval,
                      QlogFiles qlog) {

    public RunSpec {
        if (qlog == null) {
            qlog = QlogFiles.OFF;
        }
    }

    /** A run without qlog. */
    public RunSpec(Target target, Protocol protocol, boolean insecure, RequestTemplate request,
                   Workload workload, Duration connectTimeout, int ioThreads, Duration reportInterval) {
        this(target, protocol, insecure, request, workload, connectTimeout, ioThreads, reportInterval, QlogFiles.OFF);
    }

    public EngineConfig engineConfig() {
        int threads = ioThreads > 0 ? ioThreads : Runtime.getRuntime().availableProcessors();
        return new EngineConfig(target, protocol, insecure, request, workload.streamsPerConnection(),
                connectTimeout, Math.min(threads, workload.connections()), qlog);
    }
}
