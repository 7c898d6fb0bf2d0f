package dev.quiver.http3;

/**
 * Decodes a request's field section (RFC 9204, 4.5) with a dynamic table of capacity 0, as the
 * server announces in its SETTINGS, and keeps the pseudo-header fields a server routes by. Every
 * representation is parsed and checked for bounds; a reference to the dynamic table, or a field
 * section that does not parse, is QPACK_DECOMPRESSION_FAILED (a connection error). A malformed
 * request (RFC 9114, 4.1.2: pseudo-header after a regular field, unknown or repeated pseudo-header,
 * no {@code :method} or {@code :path}) is H3_MESSAGE_ERROR, an error of its stream only. Values of
 * regular fields are skipped unread.
 */
public final class QpackRequestDecoder {

    private final FieldLineReader in;

    private String method;
    private String path;
    private String authority;
    private boolean regularSeen;
    private boolean malformed;

    private QpackRequestDecoder(byte[] buf, int off, int len) {
        this.in = new FieldLineReader(buf, off, len);
    }

    /** The request's pseudo-header fields from the field section in {@code buf[off, off + len)}. */
    public static RequestHeaders decode(byte[] buf, int off, int len) throws H3Error {
        QpackRequestDecoder d = new QpackRequestDecoder(buf, off, len);
        d.fields();
        if (d.malformed || d.method == null || d.path == null || d.path.isEmpty()) {
            throw new H3Error(H3Error.H3_MESSAGE_ERROR, "malformed request header section");
        }
        return new RequestHeaders(d.method, d.path, d.authority);
    }

    /** Checks that a field section (trailers) decodes; its content is not kept. */
    public static void check(byte[] buf, int off, int len) throws H3Error {
        new QpackRequestDecoder(buf, off, len).fields();
    }

    private void fields() throws H3Error {
        in.prefix();
        while (in.more()) {
            int b = in.peek();
            if ((b & 0x80) != 0) { // indexed field line: 1 T index(6)
                int index = in.staticIndex((b & 0x40) != 0, 6);
                field(QpackStaticTable.name(index), QpackStaticTable.value(index));
            } else if ((b & 0x40) != 0) { // literal with name reference: 01 N T index(4)
                String name = QpackStaticTable.name(in.staticIndex((b & 0x10) != 0, 4));
                int v = in.string(7);
                field(name, name.startsWith(":") ? in.text(v) : null);
                in.skipString();
            } else if ((b & 0x20) != 0) { // literal with literal name: 001 N H length(3)
                String name = in.text(in.string(3));
                in.skipString();
                int v = in.string(7);
                field(name, name.startsWith(":") ? in.text(v) : null);
                in.skipString();
            } else { // 0001 index (post-base indexed) or 0000 N index (post-base name reference)
                throw FieldLineReader.failed("dynamic table reference (post-base)");
            }
        }
    }

    /** A field line: pseudo-headers kept (each once, all before the regular fields), the rest passed over. */
    private void field(String name, String value) {
        if (!name.startsWith(":")) {
            regularSeen = true;
            return;
        }
        if (regularSeen) {
            malformed = true;
            return;
        }
        switch (name) {
            case ":method" -> method = once(method, value);
            case ":path" -> path = once(path, value);
            case ":authority" -> authority = once(authority, value);
            case ":scheme", ":protocol" -> { }
            default -> malformed = true;
        }
    }

    private String once(String earlier, String value) {
        if (earlier != null) {
            malformed = true;
        }
        return value;
    }
}
