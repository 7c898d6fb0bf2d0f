package dev.quiver.core.engine;

import java.time.Duration;

/**
 * Everything an engine needs to open connections for one run.
 *
 * @param protocol the protocol the user asked for, or {@code null} to negotiate (ALPN, h2 preferred)
 * @param streamsPerConnection the most concurrent streams quiver opens on one connection ({@code -p});
 *                             the peer's own limit may lower it further
 * @param ioThreads event-loop threads the engine may use
 * @param requests the requests a stream may send, by index ({@link Connection#start}); engines encode each once
 * @param qlog where QUIC connections write their qlog, {@link QlogFiles#OFF} for nowhere; TCP engines ignore it
 * @param busyPoll event loops spin on their sockets instead of sleeping until one is ready ({@code --busy-poll});
 *                 engines that cannot ignore it
 */
public record EngineConfig(Target target, Protocol protocol, boolean insecure, RequestMix requests,
                           int streamsPerConnection, Duration connectTimeout, int ioThreads, QlogFiles qlog,
                           boolean busyPoll) {

    public EngineConfig {
        if (qlog == null) {
            qlog = QlogFiles.OFF;
        }
    }

    /** A configuration whose event loops sleep while there is nothing to do. */
    public EngineConfig(Target target, Protocol protocol, boolean insecure, RequestMix requests,
                        int streamsPerConnection, Duration connectTimeout, int ioThreads, QlogFiles qlog) {
        this(target, protocol, insecure, requests, streamsPerConnection, connectTimeout, ioThreads, qlog, false);
    }

    /** A configuration of one request to the URL's path. */
    public EngineConfig(Target target, Protocol protocol, boolean insecure, RequestTemplate request,
                        int streamsPerConnection, Duration connectTimeout, int ioThreads, QlogFiles qlog) {
        this(target, protocol, insecure, RequestMix.single(request, target), streamsPerConnection, connectTimeout,
                ioThreads, qlog, false);
    }

    /** A configuration without qlog. */
    public EngineConfig(Target target, Protocol protocol, boolean insecure, RequestTemplate request,
                        int streamsPerConnection, Duration connectTimeout, int ioThreads) {
        this(target, protocol, insecure, request, streamsPerConnection, connectTimeout, ioThreads, QlogFiles.OFF);
    }
}
