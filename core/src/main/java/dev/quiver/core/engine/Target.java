package dev.quiver.core.engine;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where the load goes: one origin and one path. Parsed once from the user's URL; a malformed URL
 * is an {@link IllegalArgumentException} with a message fit to show as it is.
 */
public record Target(String url, boolean tls, String host, int port, String pathAndQuery) {

    private static final int MAX_PORT = 65_535;

    public static Target parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            String reason = e.getReason().substring(0, 1).toLowerCase(Locale.ROOT) + e.getReason().substring(1);
            throw new IllegalArgumentException("invalid URL '" + url + "': " + reason
                    + (e.getIndex() >= 0 ? " at position " + (e.getIndex() + 1) : ""));
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
            throw new IllegalArgumentException("invalid URL '" + url + "': " + authorityProblem(uri));
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (uri.getPort() != -1 && (uri.getPort() < 1 || uri.getPort() > MAX_PORT)) {
            throw new IllegalArgumentException("invalid URL '" + url + "': port " + uri.getPort() + " out of range (1-65535)");
        }
        int port = uri.getPort() == -1 ? (tls ? 443 : 80) : uri.getPort();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path = path + "?" + uri.getRawQuery();
        }
        return new Target(url, tls, host, port, path);
    }

    /**
     * Why a URL has no usable host: {@link URI} falls back to a registry-based authority without
     * saying why, so the server-based parse is tried again for its reason.
     */
    private static String authorityProblem(URI uri) {
        if (uri.getRawAuthority() == null || uri.getRawAuthority().isEmpty()) {
            return "no host";
        }
        try {
            uri.parseServerAuthority();
        } catch (URISyntaxException e) {
            String reason = e.getReason();
            if (reason.contains("port number")) {
                return "bad port in '" + uri.getRawAuthority() + "' (a number from 1 to 65535)";
            }
            return reason.substring(0, 1).toLowerCase(Locale.ROOT) + reason.substring(1) + " '" + uri.getRawAuthority() + "'";
        }
        return "no host";
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
