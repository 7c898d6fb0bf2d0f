package dev.quiver.h2.client.http1;

import dev.quiver.core.engine.RequestMix;
import dev.quiver.core.engine.RequestTemplate;
import dev.quiver.core.engine.Target;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A run's HTTP/1.1 request, head and body, encoded once: every request of one entry is the same
 * bytes, so each send wraps this array instead of building and encoding a request object.
 */
final class RequestBytes {

    private RequestBytes() {
    }

    /**
     * The request line, {@code host} (the URL's authority unless {@code -H 'Host: …'}), the user's
     * headers, {@code user-agent: quiver} unless given, {@code content-length} when there is a body
     * or the method expects one (POST, PUT), then the body.
     */
    static byte[] encode(RequestTemplate r, Target target) {
        return encode(r, target, target.pathAndQuery());
    }

    /** As {@link #encode(RequestTemplate, Target)}, for one entry of the run's mix: its own path on the target's origin. */
    static byte[] encode(RequestMix.Entry e, Target target) {
        return encode(e.request(), target, e.path());
    }

    private static byte[] encode(RequestTemplate r, Target target, String path) {
        StringBuilder head = new StringBuilder(128);
        head.append(r.method()).append(' ').append(path).append(" HTTP/1.1\r\n");
        String host = target.authority();
        for (RequestTemplate.Header h : r.headers()) {
            if (h.name().equals("host")) {
                host = h.value();
            }
        }
        field(head, "host", host);
        for (RequestTemplate.Header h : r.headers()) {
            if (!h.name().equals("host") && !h.name().equals("content-length")) {
                field(head, h.name(), h.value());
            }
        }
        if (!r.hasHeader("user-agent")) {
            field(head, "user-agent", "quiver");
        }
        byte[] body = r.body();
        if (body.length > 0 || r.method().equals("POST") || r.method().equals("PUT")) {
            field(head, "content-length", Integer.toString(body.length));
        }
        head.append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length() + body.length);
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static void field(StringBuilder head, String name, String value) {
        head.append(name).append(": ").append(value).append("\r\n");
    }
}
