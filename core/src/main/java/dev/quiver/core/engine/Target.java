package dev.quiver.core.engine;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where the load goes: one origin and one path. Parsed once from the user's URL; a malformed URL
 * is an {@link IllegalArgumentException} with a message fit to show as it is.
 */
public record Target(String url, boolean tls, String host, int port, String pathAndQuery) {

    public static Target parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("invalid URL '" + url + "': " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean tls = switch (scheme) {
            case "https" -> true;
            case "http" -> false;
            default -> throw new IllegalArgumentException(
                    "invalid URL '" + url + "': scheme must be http or https");
        };
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("invalid URL '" + url + "': no host");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() == -1 ? (tls ? 443 : 80) : uri.getPort();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path = path + "?" + uri.getRawQuery();
        }
        return new Target(url, tls, host, port, path);
    }

    /** The {@code :authority} / {@code Host} value: host, with the port when it is not the default. */
    public String authority() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        boolean defaultPort = (tls && port == 443) || (!tls && port == 80);
        return defaultPort ? h : h + ":" + port;
    }

    public String scheme() {
        return tls ? "https" : "http";
    }
}
