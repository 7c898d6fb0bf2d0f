package dev.quiver.core.engine;

import java.util.List;
import java.util.Locale;

/**
 * The one request a run sends over and over. Immutable, so engines may encode it once per
 * connection and reuse it for every stream.
 */
public record RequestTemplate(String method, List<Header> headers, byte[] body) {

    /** One request header as given by the user; names are kept lower-case (HTTP/2 and HTTP/3 need that). */
    public record Header(String name, String value) {
        public Header {
            name = name.trim().toLowerCase(Locale.ROOT);
            value = value.trim();
        }

        /** Parses {@code "Name: value"}; a line without a colon is an {@link IllegalArgumentException}. */
        public static Header parse(String line) {
            if (line.startsWith(":")) {
                throw new IllegalArgumentException("-H '" + RequestRules.echo(line)
                        + "': pseudo-header fields come from the URL and -m, not from -H");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("-H '" + RequestRules.echo(line) + "': expected 'Name: value'");
            }
            return new Header(line.substring(0, colon), line.substring(colon + 1));
        }
    }

    public RequestTemplate {
        method = method.toUpperCase(Locale.ROOT);
        headers = List.copyOf(headers);
        body = body == null ? new byte[0] : body.clone();
    }

    public static RequestTemplate get() {
        return new RequestTemplate("GET", List.of(), new byte[0]);
    }

    /** The body; callers must not modify it. */
    @Override
    public byte[] body() {
        return body;
    }

    public boolean hasHeader(String name) {
        for (Header h : headers) {
            if (h.name().equals(name)) {
                return true;
            }
        }
        return false;
    }
}
