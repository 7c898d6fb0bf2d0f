package dev.quiver.quic.netty;

import dev.quiver.core.engine.EngineConfig;
import dev.quiver.core.engine.RequestTemplate;
import io.netty.handler.codec.http3.DefaultHttp3Headers;
import io.netty.handler.codec.http3.Http3Headers;

/** The run's request as HTTP/3 header fields, built once per connection and copied per stream. */
final class RequestHeaders {

    private RequestHeaders() {
    }

    static Http3Headers of(EngineConfig config) {
        RequestTemplate r = config.request();
        Http3Headers h = new DefaultHttp3Headers(false);
        h.method(r.method())
                .scheme("https")
                .authority(config.target().authority())
                .path(config.target().pathAndQuery());
        for (RequestTemplate.Header header : r.headers()) {
            switch (header.name()) {
                case "host" -> h.authority(header.value()); // -H 'Host: …' replaces the URL's authority
                case "connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade" -> {
                    // connection-specific: not allowed in HTTP/3 (RFC 9114, 4.2)
                }
                default -> h.add(header.name(), header.value());
            }
        }
        if (!r.hasHeader("user-agent")) {
            h.set("user-agent", "quiver");
        }
        if (r.body().length > 0) {
            h.setInt("content-length", r.body().length);
        }
        return h;
    }

    /** A copy for one stream: the encoder owns the frame it writes. */
    static Http3Headers copy(Http3Headers template) {
        Http3Headers h = new DefaultHttp3Headers(false);
        h.add(template);
        return h;
    }
}
