package dev.quiver.quic.netty;

import dev.quiver.core.engine.RequestHead;
import dev.quiver.core.engine.RequestMix;
import dev.quiver.core.engine.RequestTemplate;
import dev.quiver.core.engine.Target;
import io.netty.handler.codec.http3.DefaultHttp3Headers;
import io.netty.handler.codec.http3.Http3Headers;

/** Each request of the run as HTTP/3 header fields, built once per connection and copied per stream. */
final class RequestHeaders {

    private RequestHeaders() {
    }

    static Http3Headers of(RequestMix.Entry entry, Target target) {
        RequestHead head = RequestHead.of(entry, target, "https");
        Http3Headers h = new DefaultHttp3Headers(false);
        for (RequestTemplate.Header field : head.wireFields()) {
            h.add(field.name(), field.value());
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
