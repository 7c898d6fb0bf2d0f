package dev.quiver.server;

import dev.quiver.server.h3.Http3EmbeddedServer;
import dev.quiver.server.h3.Http3ServerConfig;
import dev.quiver.server.tcp.EmbeddedServer;
import dev.quiver.server.tcp.ServerConfig;
import dev.quiver.server.tls.SelfSignedCertificate;
import java.util.List;

/**
 * The embedded reference servers as one: TCP (HTTP/1.1, HTTP/2, h2c) and HTTP/3 on the same
 * port number (TCP and UDP), with one self-signed certificate (or chain) and the same fault switches.
 */
public final class ReferenceServers implements AutoCloseable {

    private final EmbeddedServer tcp;
    private final Http3EmbeddedServer http3;

    private ReferenceServers(EmbeddedServer tcp, Http3EmbeddedServer http3) {
        this.tcp = tcp;
        this.http3 = http3;
    }

    /**
     * Starts both servers. The HTTP/3 server takes the TLS port's number on UDP (an ephemeral TLS
     * port is chosen first, then the same number is bound for UDP).
     *
     * @param http3 false to run TCP only
     */
    public static ReferenceServers start(ServerConfig tcpConfig, Http3ServerConfig.Builder http3Config, boolean http3) {
        return start(tcpConfig, http3Config, http3, 1);
    }

    /**
     * As {@link #start(ServerConfig, Http3ServerConfig.Builder, boolean)}, both servers sending a
     * generated chain of {@code certificates} certificates ({@link SelfSignedCertificate#generate(int)}).
     */
    public static ReferenceServers start(ServerConfig tcpConfig, Http3ServerConfig.Builder http3Config, boolean http3,
                                         int certificates) {
        SelfSignedCertificate certificate = SelfSignedCertificate.generate(certificates);
        EmbeddedServer tcp = new EmbeddedServer(tcpConfig.toBuilder().certificate(certificate).build()).start();
        if (!http3 || tcp.tlsPort() < 0) {
            return new ReferenceServers(tcp, null);
        }
        try {
            Http3EmbeddedServer udp = new Http3EmbeddedServer(http3Config
                    .host(tcpConfig.host())
                    .www(tcpConfig.www())
                    .port(tcp.tlsPort())
                    .certificateChain(List.of(certificate.certificatePath()), certificate.privateKey())
                    .build()).start();
            return new ReferenceServers(tcp, udp);
        } catch (RuntimeException e) {
            tcp.close();
            throw e;
        }
    }

    public int tlsPort() {
        return tcp.tlsPort();
    }

    public int plainPort() {
        return tcp.plainPort();
    }

    /** The UDP port of HTTP/3, or -1 when it does not run. */
    public int http3Port() {
        return http3 == null ? -1 : http3.port();
    }

    /** Connections open now over all listeners. */
    public long openConnections() {
        return tcp.stats().connectionsOpen() + (http3 == null ? 0 : http3.stats().connectionsOpen());
    }

    /**
     * Requests in progress over all listeners. For TCP it is requests received minus responses
     * completed and faults, so a moment's view that may be off by the requests being counted.
     */
    public long liveStreams() {
        var t = tcp.stats();
        long tcpLive = Math.max(0, t.requestsReceived() - t.responsesCompleted() - t.faultsInjected());
        return tcpLive + (http3 == null ? 0 : http3.stats().requestsOpen());
    }

    /** Times a TCP listener's accept() failed (out of file descriptors, most of the time). */
    public long acceptFailures() {
        return tcp.stats().acceptFailures();
    }

    /** The latest accept failure, or null. */
    public Throwable lastAcceptFailure() {
        return tcp.stats().lastAcceptFailure();
    }

    /** Connections waiting to be accepted that were closed at once for want of file descriptors. */
    public long connectionsShed() {
        return tcp.stats().connectionsShed();
    }

    /** Failures that reached an event loop of either server, which survived them. */
    public long eventLoopErrors() {
        return tcp.stats().eventLoopErrors() + (http3 == null ? 0 : http3.stats().eventLoopErrors());
    }

    /** The latest failure an event loop survived (the TCP server's first), or null. */
    public Throwable lastEventLoopError() {
        Throwable t = tcp.stats().lastEventLoopError();
        return t != null || http3 == null ? t : http3.stats().lastEventLoopError();
    }

    /** Where the servers listen: a line for TCP, and one for HTTP/3 when it runs. */
    public String describe() {
        return http3 == null ? tcp.describe() : tcp.describe() + System.lineSeparator() + "quiver serve: " + http3.describe();
    }

    @Override
    public void close() {
        try {
            if (http3 != null) {
                http3.close();
            }
        } finally {
            tcp.close();
        }
    }
}
