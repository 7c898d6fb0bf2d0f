package dev.quiver.core.engine;

import java.util.Locale;
import java.util.Set;

/**
 * What the run's request may carry on each protocol, checked once before the run: a request no
 * server could accept is refused with one line naming the bad part, instead of failing deep in an
 * encoder (HTTP/1.1) or being sent as it is and answered with PROTOCOL_ERROR (HTTP/2, HTTP/3).
 *
 * <ul>
 *   <li>method and field names are RFC 9110 tokens; {@code CONNECT} is refused (it names a tunnel
 *       target, not the URL's path);</li>
 *   <li>field values hold no control character but HTAB (CR, LF and NUL split or end a field) and
 *       only characters that are one octet;</li>
 *   <li>pseudo-header fields come from the URL and {@code -m}, never from {@code -H};</li>
 *   <li>HTTP/2 and HTTP/3 forbid connection-specific fields (RFC 9113, 8.2.2; RFC 9114, 4.2), and
 *       {@code TE} other than {@code trailers};</li>
 *   <li>quiver frames the body itself: {@code Transfer-Encoding} is refused, and a
 *       {@code Content-Length} that does not match the body.</li>
 * </ul>
 * Field names are already lower-case ({@link RequestTemplate.Header}): HTTP/2 and HTTP/3 need that,
 * and HTTP/1.1 names are case-insensitive.
 */
public final class RequestRules {

    /** RFC 9110, 5.6.2: tchar, besides letters and digits. */
    private static final String TCHAR_SYMBOLS = "!#$%&'*+-.^_`|~";
    private static final Set<String> CONNECTION_SPECIFIC =
            Set.of("connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade");
    /** Longest part of a user's value echoed back in a message. */
    private static final int MAX_ECHO = 60;

    private RequestRules() {
    }

    /**
     * Checks the request for {@code protocol}.
     *
     * @throws IllegalArgumentException with a one-line message naming the bad part
     */
    public static void check(RequestTemplate request, Protocol protocol) {
        checkMethod(request.method());
        for (RequestTemplate.Header h : request.headers()) {
            checkField(h, protocol, request.body().length);
        }
    }

    /** The method alone: a token, not CONNECT. */
    public static void checkMethod(String method) {
        if (method.isEmpty()) {
            throw new IllegalArgumentException("-m: the method is empty");
        }
        int bad = firstNonToken(method);
        if (bad >= 0) {
            throw new IllegalArgumentException("-m '" + echo(method) + "': a method is a token (letters, digits and "
                    + TCHAR_SYMBOLS + "), not " + describe(method.charAt(bad)) + " at position " + (bad + 1));
        }
        if (method.equals("CONNECT")) {
            throw new IllegalArgumentException("-m CONNECT is not supported: it asks for a tunnel to a host and port, not for the URL");
        }
    }

    private static void checkField(RequestTemplate.Header h, Protocol protocol, int bodyLength) {
        String name = h.name();
        String value = h.value();
        String shown = "-H '" + echo(name) + ": " + echo(value) + "'";
        if (name.startsWith(":")) {
            throw new IllegalArgumentException(shown + ": pseudo-header fields come from the URL and -m, not from -H");
        }
        int bad = firstNonToken(name);
        if (bad >= 0) {
            throw new IllegalArgumentException(shown + ": a field name is a token (letters, digits and "
                    + TCHAR_SYMBOLS + "), not " + describe(name.charAt(bad)) + " at position " + (bad + 1));
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                throw new IllegalArgumentException(shown + ": the value has " + describe(c) + " at position " + (i + 1)
                        + "; a field value cannot hold control characters (CR, LF and NUL would split or end it)");
            }
            if (c > 0xff) {
                throw new IllegalArgumentException(shown + ": the value has " + describe(c) + " at position " + (i + 1)
                        + ", which is not one octet (field values are ISO-8859-1 text)");
            }
        }
        if (name.equals("transfer-encoding")) {
            throw new IllegalArgumentException(shown + ": quiver frames the body itself (Content-Length, or DATA frames); "
                    + "Transfer-Encoding cannot be set");
        }
        if (name.equals("content-length") && !value.equals(Integer.toString(bodyLength))) {
            throw new IllegalArgumentException(shown + ": does not match the body (" + bodyLength
                    + " bytes); leave Content-Length out, quiver sets it from -d or -D");
        }
        if (protocol == Protocol.HTTP_2 || protocol == Protocol.HTTP_3) {
            if (CONNECTION_SPECIFIC.contains(name)) {
                throw new IllegalArgumentException(shown + ": connection-specific fields are not allowed in "
                        + protocol.displayName() + " (" + rfc(protocol) + ")");
            }
            if (name.equals("te") && !value.equalsIgnoreCase("trailers")) {
                throw new IllegalArgumentException(shown + ": " + protocol.displayName() + " allows TE only as 'trailers' ("
                        + rfc(protocol) + ")");
            }
        }
    }

    private static String rfc(Protocol p) {
        return p == Protocol.HTTP_3 ? "RFC 9114, 4.2" : "RFC 9113, 8.2.2";
    }

    /** Index of the first character that is not an RFC 9110 tchar, or -1. */
    static int firstNonToken(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || TCHAR_SYMBOLS.indexOf(c) >= 0;
            if (!ok) {
                return i;
            }
        }
        return -1;
    }

    private static String describe(char c) {
        return switch (c) {
            case ' ' -> "a space";
            case '\r' -> "CR (0x0d)";
            case '\n' -> "LF (0x0a)";
            case '\t' -> "a tab";
            case 0 -> "NUL (0x00)";
            default -> c < 0x20 || c == 0x7f ? String.format(Locale.ROOT, "control character 0x%02x", (int) c)
                    : c > 0x7e ? String.format(Locale.ROOT, "U+%04X", (int) c) : "'" + c + "'";
        };
    }

    /** The user's text for a message on one line: control characters escaped, long text cut. */
    static String echo(String s) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        for (; i < s.length() && b.length() < MAX_ECHO; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\r' -> b.append("\\r");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return i < s.length() ? b + "..." : b.toString();
    }
}
