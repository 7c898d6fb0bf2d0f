package dev.quiver.server.route;

/**
 * The reference servers' routes (TCP and HTTP/3 alike), in one place so that both answer the
 * same paths the same way. What a request path asks for. Parsed once per request straight from the header value, without
 * copying it; the query string and fragment are ignored.
 *
 * <ul>
 *   <li>{@code /} → {@link Fixed#HELLO}</li>
 *   <li>{@code /bytes/N} → {@link Bytes} ({@code 0 <= N <=} {@value #MAX_BYTES})</li>
 *   <li>{@code /delay/MS} → {@link Delay} ({@code 0 <= MS <=} {@value #MAX_DELAY_MILLIS})</li>
 *   <li>a malformed or out-of-range number → {@link Fixed#BAD_REQUEST}; anything else → {@link Fixed#NOT_FOUND}</li>
 * </ul>
 *
 * <p>{@link File} is no path of its own: {@link Routes} gives it to a path these routes call not
 * found when the server serves a directory ({@code --www}).
 */
public sealed interface Route permits Route.Fixed, Route.Streamed, Route.Delay {

    /** Largest body {@code /bytes/N} serves: 1 TiB, far beyond any test yet a bound on a typo. */
    long MAX_BYTES = 1L << 40;
    /** Longest {@code /delay/MS}: one hour. */
    long MAX_DELAY_MILLIS = 3_600_000L;

    /** A small response whose headers and body are precomputed and shared by all connections. */
    enum Fixed implements Route {
        HELLO(200, "Hello, quiver\n"),
        NOT_FOUND(404, "not found\n"),
        BAD_REQUEST(400, "bad request\n");

        private final int status;
        private final String body;

        Fixed(int status, String body) {
            this.status = status;
            this.body = body;
        }

        public int status() {
            return status;
        }

        public String body() {
            return body;
        }
    }

    /** {@code 200} with an {@code application/octet-stream} body streamed in chunks ({@link StreamedBody}). */
    sealed interface Streamed extends Route permits Bytes, File {
    }

    /** {@code 200} with exactly {@code length} bytes of body, streamed in chunks. */
    record Bytes(long length) implements Streamed {
    }

    /** {@code 200} with the content of a regular file inside the served directory ({@link WwwDirectory}). */
    record File(java.nio.file.Path path) implements Streamed {
    }

    /** {@code 200} with the {@link Fixed#HELLO} body after {@code millis} milliseconds. */
    record Delay(long millis) implements Route {
    }

    /** Parses a request target ({@code :path} or the HTTP/1.1 request URI); {@code null} is not found. */
    static Route of(CharSequence target) {
        if (target == null) {
            return Fixed.NOT_FOUND;
        }
        int end = pathEnd(target);
        if (end == 1 && target.charAt(0) == '/') {
            return Fixed.HELLO;
        }
        if (startsWith(target, end, "/bytes/")) {
            long n = parseNumber(target, "/bytes/".length(), end, MAX_BYTES);
            return n < 0 ? Fixed.BAD_REQUEST : new Bytes(n);
        }
        if (startsWith(target, end, "/delay/")) {
            long ms = parseNumber(target, "/delay/".length(), end, MAX_DELAY_MILLIS);
            return ms < 0 ? Fixed.BAD_REQUEST : new Delay(ms);
        }
        return Fixed.NOT_FOUND;
    }

    private static int pathEnd(CharSequence target) {
        int length = target.length();
        for (int i = 0; i < length; i++) {
            char c = target.charAt(i);
            if (c == '?' || c == '#') {
                return i;
            }
        }
        return length;
    }

    private static boolean startsWith(CharSequence s, int end, String prefix) {
        if (end < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (s.charAt(i) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Decimal digits in {@code s[from, to)}, or -1 when empty, not all digits, or above {@code max}. */
    private static long parseNumber(CharSequence s, int from, int to, long max) {
        if (from >= to || to - from > 19) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
            if (value > max) {
                return -1;
            }
        }
        return value;
    }
}
