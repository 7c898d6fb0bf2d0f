package dev.quiver.cli.leak;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * GETs a watcher's page: one shared client, a short timeout (a watcher must not hold up the
 * sampling of the others), a size cap (the page is the server's, not ours), errors as one line.
 */
final class HttpFetch {

    /** A metrics page larger than this is not read: 8 MiB. */
    static final int MAX_PAGE_BYTES = 8 << 20;
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    private HttpFetch() {
    }

    static String get(URI uri) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build();
        HttpResponse<java.io.InputStream> response;
        try {
            response = CLIENT.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (java.net.ConnectException e) {
            throw new IOException(uri + ": connection refused");
        } catch (java.net.http.HttpTimeoutException e) {
            throw new IOException(uri + ": no answer within " + TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            throw new IOException(uri + ": " + (e.getMessage() == null ? "I/O error" : e.getMessage()));
        }
        try (java.io.InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException(uri + ": HTTP status " + response.statusCode());
            }
            // Read one byte past the cap, so that a larger page is refused without being held.
            byte[] body = in.readNBytes(MAX_PAGE_BYTES + 1);
            if (body.length > MAX_PAGE_BYTES) {
                throw new IOException(uri + ": page larger than " + (MAX_PAGE_BYTES >> 20) + " MiB");
            }
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** The URL as a URI, or an {@link IllegalArgumentException} saying what is wrong with it. */
    static URI parse(String flag, String url) {
        try {
            URI u = URI.create(url);
            if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) {
                throw new IllegalArgumentException(flag + " needs an http:// or https:// URL, got '" + url + "'");
            }
            return u;
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(flag)) {
                throw e;
            }
            throw new IllegalArgumentException(flag + " needs an http:// or https:// URL, got '" + url + "'");
        }
    }
}
