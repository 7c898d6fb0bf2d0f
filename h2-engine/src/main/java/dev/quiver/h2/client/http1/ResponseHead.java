package dev.quiver.h2.client.http1;

/**
 * What the client needs from one HTTP/1.1 response head: the status, and the three fields that
 * frame the body and the connection (RFC 9112 6 and 9.3). Other fields are checked for form and
 * not kept. One instance per connection, reset for each response; nothing is allocated.
 */
final class ResponseHead {

    /** How the body ends (RFC 9112 6.3). */
    enum Framing { NONE, LENGTH, CHUNKED, UNTIL_CLOSE }

    private static final byte[] CONTENT_LENGTH = ascii("content-length");
    private static final byte[] TRANSFER_ENCODING = ascii("transfer-encoding");
    private static final byte[] CONNECTION = ascii("connection");
    private static final byte[] CHUNKED = ascii("chunked");
    private static final byte[] CLOSE = ascii("close");
    private static final byte[] KEEP_ALIVE = ascii("keep-alive");

    /** RFC 9110 5.6.2 tchar. */
    private static final boolean[] TOKEN = new boolean[128];

    static {
        for (char c = '0'; c <= '9'; c++) {
            TOKEN[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            TOKEN[c] = true;
            TOKEN[c - 32] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TOKEN[c] = true;
        }
    }

    int status;
    /** HTTP/1.0: the connection closes after the response unless it says keep-alive. */
    boolean http10;
    /** The Content-Length, or -1 when there was none. */
    long contentLength;
    boolean transferEncoding;
    /** Whether chunked is the last transfer coding (only then is the body chunked). */
    boolean chunkedLast;
    boolean connectionClose;
    boolean connectionKeepAlive;
    private boolean lastFieldRead;

    void reset(int status, boolean http10) {
        this.status = status;
        this.http10 = http10;
        contentLength = -1;
        transferEncoding = false;
        chunkedLast = false;
        connectionClose = false;
        connectionKeepAlive = false;
        lastFieldRead = false;
    }

    /**
     * One field line {@code line[0, end)}, without its line ending. False when it is malformed: no
     * colon, a name that is not a token, or a framing field that is ambiguous.
     */
    boolean field(byte[] line, int end) {
        int colon = colon(line, end);
        if (colon < 0) {
            return false;
        }
        int nameEnd = nameEnd(line, colon);
        int from = colon + 1;
        int to = end;
        while (from < to && (line[from] == ' ' || line[from] == '\t')) {
            from++;
        }
        while (to > from && (line[to - 1] == ' ' || line[to - 1] == '\t')) {
            to--;
        }
        lastFieldRead = true;
        if (named(line, nameEnd, CONTENT_LENGTH)) {
            return contentLength(line, from, to);
        }
        if (named(line, nameEnd, TRANSFER_ENCODING)) {
            transferEncoding = true;
            chunkedLast = lastElementIs(line, from, to, CHUNKED);
            return true;
        }
        if (named(line, nameEnd, CONNECTION)) {
            connectionClose |= anyElementIs(line, from, to, CLOSE);
            connectionKeepAlive |= anyElementIs(line, from, to, KEEP_ALIVE);
            return true;
        }
        lastFieldRead = false;
        return true;
    }

    /**
     * Whether the last field line was one of the three this class reads: a folded continuation of it
     * (obs-fold, RFC 9112 5.2) would change how the message is framed, so it is refused.
     */
    boolean lastFieldRead() {
        return lastFieldRead;
    }

    /** How the body of this response ends; {@code bodyless}: the request was HEAD. */
    Framing framing(boolean bodyless) {
        if (bodyless || status < 200 || status == 204 || status == 304) {
            return Framing.NONE;
        }
        if (transferEncoding) {
            return chunkedLast ? Framing.CHUNKED : Framing.UNTIL_CLOSE;
        }
        if (contentLength >= 0) {
            return contentLength == 0 ? Framing.NONE : Framing.LENGTH;
        }
        return Framing.UNTIL_CLOSE;
    }

    /**
     * Whether the connection ends with this response: the server says so, HTTP/1.0 without
     * keep-alive, a body that ends with the connection, or Transfer-Encoding beside Content-Length
     * (a sign of smuggling; RFC 9112 6.1 has the client close after such a response).
     */
    boolean closesConnection(Framing framing) {
        return connectionClose || (http10 && !connectionKeepAlive) || framing == Framing.UNTIL_CLOSE
                || (transferEncoding && contentLength >= 0);
    }

    /**
     * Where the colon of field line {@code line[0, end)} is, or -1 when the line is not a field: no
     * colon, or a name that is not a token. Whitespace between the name and the colon is allowed: a
     * server must not send it, a client may drop it (RFC 9112 5.1).
     */
    static int colon(byte[] line, int end) {
        int colon = 0;
        while (colon < end && line[colon] != ':') {
            colon++;
        }
        int nameEnd = nameEnd(line, colon);
        return colon == end || nameEnd == 0 || !token(line, 0, nameEnd) ? -1 : colon;
    }

    /** Where the name before {@code colon} ends, whitespace before the colon dropped. */
    private static int nameEnd(byte[] line, int colon) {
        int nameEnd = colon;
        while (nameEnd > 0 && (line[nameEnd - 1] == ' ' || line[nameEnd - 1] == '\t')) {
            nameEnd--;
        }
        return nameEnd;
    }

    /** Digits only; a list of equal values is one value (RFC 9110 8.6); different values are malformed. */
    private boolean contentLength(byte[] line, int from, int to) {
        int i = from;
        long value = -1;
        while (i < to) {
            int start = i;
            long v = 0;
            while (i < to && line[i] >= '0' && line[i] <= '9') {
                if (v > (Long.MAX_VALUE - 9) / 10) {
                    return false;
                }
                v = v * 10 + (line[i++] - '0');
            }
            if (i == start || (value >= 0 && v != value)) {
                return false;
            }
            value = v;
            while (i < to && (line[i] == ' ' || line[i] == '\t')) {
                i++;
            }
            if (i < to && line[i++] != ',') {
                return false;
            }
            while (i < to && (line[i] == ' ' || line[i] == '\t')) {
                i++;
            }
        }
        if (value < 0 || (contentLength >= 0 && contentLength != value)) {
            return false;
        }
        contentLength = value;
        return true;
    }

    private static boolean token(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            int c = b[i];
            if (c < 0 || !TOKEN[c]) {
                return false;
            }
        }
        return true;
    }

    /** A name of tchars equals {@code lower} ignoring ASCII case ({@code | 0x20} folds letters; '-' is its own fold). */
    private static boolean named(byte[] b, int length, byte[] lower) {
        if (length != lower.length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if ((b[i] | 0x20) != lower[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean lastElementIs(byte[] b, int from, int to, byte[] lower) {
        int start = to;
        while (start > from && b[start - 1] != ',') {
            start--;
        }
        return elementIs(b, start, to, lower);
    }

    private static boolean anyElementIs(byte[] b, int from, int to, byte[] lower) {
        int start = from;
        for (int i = from; i <= to; i++) {
            if (i == to || b[i] == ',') {
                if (elementIs(b, start, i, lower)) {
                    return true;
                }
                start = i + 1;
            }
        }
        return false;
    }

    /** A list element, whitespace around it ignored, equals {@code lower} ignoring ASCII case. */
    private static boolean elementIs(byte[] b, int from, int to, byte[] lower) {
        while (from < to && (b[from] == ' ' || b[from] == '\t')) {
            from++;
        }
        while (to > from && (b[to - 1] == ' ' || b[to - 1] == '\t')) {
            to--;
        }
        if (to - from != lower.length) {
            return false;
        }
        for (int i = 0; i < lower.length; i++) {
            int c = b[from + i];
            if (c != lower[i] && !(c >= 'A' && c <= 'Z' && c + 32 == lower[i])) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
