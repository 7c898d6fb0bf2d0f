package dev.quiver.h2.client.http1;

import io.netty.buffer.ByteBuf;

/**
 * Reads HTTP/1.1 responses (RFC 9112) as they arrive, split anywhere, and tells {@link ResponseEvents}
 * their status, body bytes and end: the framing of the client's responses, nothing else. A head's
 * lines are copied into one small array (at most the limits below); a body is counted and skipped,
 * never copied. Informational (1xx) responses are read and passed over.
 *
 * <p>Limits as Netty's decoder had them: a status or chunk-size line of at most 4096 bytes, a head's
 * field lines (or a trailer section) of at most 8192. Beyond them, or at any byte that is not an
 * HTTP/1.1 response, the parser stops for good and says {@link ResponseEvents#malformed()}.
 */
final class ResponseParser {

    static final int MAX_LINE = 4096;
    static final int MAX_FIELDS = 8192;

    private enum State { STATUS_LINE, FIELD_LINE, LENGTH_BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILER, UNTIL_CLOSE, FAILED }

    private final ResponseHead head = new ResponseHead();
    private State state = State.STATUS_LINE;
    /** The line being read, without its line ending once complete. */
    private byte[] line = new byte[256];
    private int lineLength;
    /** Bytes of the field lines (or trailer lines) read so far, line endings counted. */
    private int fieldBytes;
    private boolean anyField;
    /** Body bytes left: of a Content-Length body, or of the chunk being read. */
    private long remaining;

    /** Reads what {@code in} holds (all of it); the caller keeps the buffer and releases it. */
    void read(ByteBuf in, ResponseEvents events) {
        while (in.isReadable() && state != State.FAILED) {
            switch (state) {
                case LENGTH_BODY, CHUNK_DATA -> {
                    int n = (int) Math.min(remaining, in.readableBytes());
                    in.skipBytes(n);
                    remaining -= n;
                    events.body(n);
                    if (remaining == 0) {
                        if (state == State.LENGTH_BODY) {
                            end(events);
                        } else {
                            state = State.CHUNK_END;
                        }
                    }
                }
                case UNTIL_CLOSE -> {
                    int n = in.readableBytes();
                    in.skipBytes(n);
                    events.body(n);
                }
                default -> {
                    if (readLine(in)) {
                        onLine(events);
                        lineLength = 0;
                    } else if (state == State.FAILED) {
                        events.malformed(); // a line over its limit
                    }
                }
            }
        }
        if (state == State.FAILED) {
            in.skipBytes(in.readableBytes());
        }
    }

    /** The connection ended: a body that runs until the close is complete; anything else was cut off. */
    void endOfInput(ResponseEvents events) {
        if (state == State.UNTIL_CLOSE) {
            end(events);
        }
    }

    /** Appends bytes up to a line feed; true when the line is complete (its CR LF or LF dropped). */
    private boolean readLine(ByteBuf in) {
        int from = in.readerIndex();
        int lf = in.indexOf(from, in.writerIndex(), (byte) '\n');
        int n = (lf < 0 ? in.writerIndex() : lf) - from;
        // Field lines count their line endings; a status or chunk-size line has its CR LF on top of its limit.
        int limit = state == State.FIELD_LINE || state == State.TRAILER ? MAX_FIELDS - fieldBytes : MAX_LINE + 2;
        if (lineLength + n + (lf < 0 ? 0 : 1) > limit) {
            state = State.FAILED;
            return false;
        }
        if (lineLength + n > line.length) {
            line = java.util.Arrays.copyOf(line, Math.min(Math.max(line.length * 2, lineLength + n), MAX_FIELDS));
        }
        in.readBytes(line, lineLength, n);
        lineLength += n;
        if (lf < 0) {
            return false;
        }
        in.skipBytes(1);
        if (state == State.FIELD_LINE || state == State.TRAILER) {
            fieldBytes += lineLength + 1;
        }
        if (lineLength > 0 && line[lineLength - 1] == '\r') {
            lineLength--;
        }
        return true;
    }

    private void onLine(ResponseEvents events) {
        boolean ok = switch (state) {
            case STATUS_LINE -> lineLength == 0 || statusLine(); // empty lines before a response are passed over
            case FIELD_LINE -> fieldLine(events);
            case CHUNK_SIZE -> chunkSize();
            case CHUNK_END -> {
                state = State.CHUNK_SIZE;
                yield lineLength == 0;
            }
            case TRAILER -> trailerLine(events);
            default -> throw new IllegalStateException(state.name());
        };
        if (!ok) {
            state = State.FAILED;
        }
        if (state == State.FAILED) {
            events.malformed();
        }
    }

    /** {@code HTTP/1.x SP 3DIGIT [SP reason]}; HTTP/1.0 is kept for the connection's default. */
    private boolean statusLine() {
        byte[] b = line;
        if (lineLength < 12 || b[0] != 'H' || b[1] != 'T' || b[2] != 'T' || b[3] != 'P' || b[4] != '/' || b[5] != '1'
                || b[6] != '.' || !digit(b[7]) || b[8] != ' ' || !digit(b[9]) || !digit(b[10]) || !digit(b[11])
                || (lineLength > 12 && b[12] != ' ') || b[9] == '0') {
            return false;
        }
        head.reset((b[9] - '0') * 100 + (b[10] - '0') * 10 + (b[11] - '0'), b[7] == '0');
        state = State.FIELD_LINE;
        fieldBytes = 0;
        anyField = false;
        return true;
    }

    private boolean fieldLine(ResponseEvents events) {
        if (lineLength == 0) {
            endOfHead(events);
            return true;
        }
        if (line[0] == ' ' || line[0] == '\t') {
            // obs-fold: more of the field above. Harmless for a field the client does not read.
            return anyField && !head.lastFieldRead();
        }
        anyField = true;
        return head.field(line, lineLength);
    }

    private void endOfHead(ResponseEvents events) {
        if (head.status < 200) {
            state = State.STATUS_LINE; // informational: the final response follows
            return;
        }
        ResponseHead.Framing framing = head.framing(events.answersHead());
        events.head(head.status, head.closesConnection(framing));
        switch (framing) {
            case NONE -> end(events);
            case LENGTH -> {
                remaining = head.contentLength;
                state = State.LENGTH_BODY;
            }
            case CHUNKED -> state = State.CHUNK_SIZE;
            case UNTIL_CLOSE -> state = State.UNTIL_CLOSE;
        }
    }

    /** {@code 1*HEXDIG [BWS ; chunk-ext]}; a size above what a long holds is malformed. */
    private boolean chunkSize() {
        int i = 0;
        long size = 0;
        while (i < lineLength && hex(line[i]) >= 0) {
            if (size > (Long.MAX_VALUE >> 4)) {
                return false;
            }
            size = (size << 4) | hex(line[i++]);
        }
        if (i == 0) {
            return false;
        }
        while (i < lineLength && (line[i] == ' ' || line[i] == '\t')) {
            i++;
        }
        if (i < lineLength && line[i] != ';') {
            return false;
        }
        if (size == 0) {
            state = State.TRAILER;
            fieldBytes = 0;
        } else {
            remaining = size;
            state = State.CHUNK_DATA;
        }
        return true;
    }

    /** Trailer fields are checked for form only: they cannot change how this message was framed. */
    private boolean trailerLine(ResponseEvents events) {
        if (lineLength == 0) {
            end(events);
            return true;
        }
        return line[0] == ' ' || line[0] == '\t' || ResponseHead.colon(line, lineLength) >= 0;
    }

    private void end(ResponseEvents events) {
        state = State.STATUS_LINE;
        events.end();
    }

    private static boolean digit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static int hex(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        int lower = c | 0x20;
        return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
    }
}
