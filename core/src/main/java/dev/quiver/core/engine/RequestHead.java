package dev.quiver.core.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The run's request as HTTP/2 and HTTP/3 send it: the values of the pseudo-header fields and the
 * regular fields, worked out once so that every engine sends the same request.
 *
 * <ul>
 *   <li>{@code -H 'Host: …'} replaces the URL's authority in {@code :authority};</li>
 *   <li>connection-specific fields are dropped (RFC 9113, 8.2.2; RFC 9114, 4.2);</li>
 *   <li>{@code user-agent: quiver} unless the user gave one;</li>
 *   <li>{@code content-length} from the body when there is one (a user's own is replaced).</li>
 * </ul>
 */
public record RequestHead(String method, String scheme, String authority, String path, List<RequestTemplate.Header> fields) {

    public RequestHead {
        fields = List.copyOf(fields);
    }

    /** The request to the URL's own path. */
    public static RequestHead of(RequestTemplate request, Target target, String scheme) {
        return of(request, target, scheme, target.pathAndQuery());
    }

    /** The request to {@code path} on the target's origin (an entry of a {@link RequestMix}). */
    public static RequestHead of(RequestMix.Entry entry, Target target, String scheme) {
        return of(entry.request(), target, scheme, entry.path());
    }

    private static RequestHead of(RequestTemplate request, Target target, String scheme, String path) {
        String authority = target.authority();
        List<RequestTemplate.Header> fields = new ArrayList<>();
        for (RequestTemplate.Header h : request.headers()) {
            switch (h.name()) {
                case "host" -> authority = h.value();
                case "connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "content-length" -> {
                    // connection-specific, or worked out below from the body
                }
                default -> fields.add(h);
            }
        }
        if (!request.hasHeader("user-agent")) {
            fields.add(new RequestTemplate.Header("user-agent", "quiver"));
        }
        if (request.body().length > 0) {
            fields.add(new RequestTemplate.Header("content-length", Integer.toString(request.body().length)));
        }
        return new RequestHead(request.method(), scheme, authority, path, fields);
    }

    /** Every field in the order it goes on the wire: the pseudo-header fields first, then the regular ones. */
    public List<RequestTemplate.Header> wireFields() {
        List<RequestTemplate.Header> all = new ArrayList<>(4 + fields.size());
        all.add(new RequestTemplate.Header(":method", method));
        all.add(new RequestTemplate.Header(":scheme", scheme));
        all.add(new RequestTemplate.Header(":authority", authority));
        all.add(new RequestTemplate.Header(":path", path));
        all.addAll(fields);
        return all;
    }
}
