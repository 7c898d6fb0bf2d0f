package dev.quiver.core.schedule;

import dev.quiver.core.engine.EngineConfig;
import dev.quiver.core.engine.Protocol;
import dev.quiver.core.engine.QlogFiles;
import dev.quiver.core.engine.RequestMix;
import dev.quiver.core.engine.RequestTemplate;
import dev.quiver.core.engine.Target;
import java.time.Duration;

/**
 * One run as the user described it.
 *
 * @param protocol the protocol asked for, or null to negotiate
 * @param ioThreads event-loop threads for the engine; 0 for one per core
 * @param reportInterval how often interval samples (progress, time series) are taken
 * @param requests what the run sends: the URL's one request, or the entries of {@code --urls}, all to the target's origin
 * @param qlog where QUIC connections write their qlog ({@code --qlog}), {@link QlogFiles#OFF} for nowhere
 * @param busyPoll event loops spin instead of sleeping ({@code --busy-poll}, {@link EngineConfig#busyPoll()})
 */
public record RunSpec(Target target, Protocol protocol, boolean insecure, RequestMix requests,
                      Workload workload, Duration connectTimeout, int ioThreads, Duration reportInterval,
                      QlogFiles qlog, boolean busyPoll) {

    public RunSpec {
        if (qlog == null) {
            qlog = QlogFiles.OFF;
        }
    }

    /** A run whose event loops sleep while there is nothing to do. */
    public RunSpec(Target target, Protocol protocol, boolean insecure, RequestMix requests,
                   Workload workload, Duration connectTimeout, int ioThreads, Duration reportInterval, QlogFiles qlog) {
        this(target, protocol, insecure, requests, workload, connectTimeout, ioThreads, reportInterval, qlog, false);
    }

    /** A run of one request to the URL's path. */
    public RunSpec(Target target, Protocol protocol, boolean insecure, RequestTemplate request,
                   Workload workload, Duration connectTimeout, int ioThreads, Duration reportInterval, QlogFiles qlog) {
        this(target, protocol, insecure, RequestMix.single(request, target), workload, connectTimeout, ioThreads,
                reportInterval, qlog, false);
    }

    /** A run of one request to the URL's path, without qlog. */
    public RunSpec(Target target, Protocol protocol, boolean insecure, RequestTemplate request,
                   Workload workload, Duration connectTimeout, int ioThreads, Duration reportInterval) {
        this(target, protocol, insecure, request, workload, connectTimeout, ioThreads, reportInterval, QlogFiles.OFF);
    }

    /** The first request (the only one of a plain run): its method is the run's in the report's parameters. */
    public RequestTemplate request() {
        return requests.first();
    }

    public EngineConfig engineConfig() {
        int threads = ioThreads > 0 ? ioThreads : Runtime.getRuntime().availableProcessors();
        return new EngineConfig(target, protocol, insecure, requests, workload.streamsPerConnection(),
                connectTimeout, Math.min(threads, workload.connections()), qlog, busyPoll);
    }
}
