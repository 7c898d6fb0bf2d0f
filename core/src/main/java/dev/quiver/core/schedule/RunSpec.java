package dev.quiver.core.schedule;

import dev.quiver.core.engine.EngineConfig;
import dev.quiver.core.engine.Protocol;
import dev.quiver.core.engine.RequestTemplate;
import dev.quiver.core.engine.Target;
import java.time.Duration;

/**
 * One run as the user described it.
 *
 * @param protocol the protocol asked for, or null to negotiate
 * @param ioThreads event-loop threads for the engine; 0 for one per core
 * @param reportInterval how often interval samples (progress, time series) are taken
 */
public record RunSpec(Target target, Protocol protocol, boolean insecure, RequestTemplate request,
                      Workload workload, Duration connectTimeout, int ioThreads, Duration reportInterval) {

    public EngineConfig engineConfig() {
        int threads = ioThreads > 0 ? ioThreads : Runtime.getRuntime().availableProcessors();
        return new EngineConfig(target, protocol, insecure, request, workload.streamsPerConnection(),
                connectTimeout, Math.min(threads, workload.connections()));
    }
}
