package dev.quiver.h2.client.http1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ResponseParserTest {

    /** The events as text: "200 keep 5 end", "304 close end", "malformed". */
    private static final class Recorder implements ResponseEvents {
        final List<String> events = new ArrayList<>();
        boolean head;
        private long body;

        @Override
        public boolean answersHead() {
            return head;
        }

        @Override
        public void head(int status, boolean closeAfter) {
            events.add(status + (closeAfter ? " close" : " keep"));
            body = 0;
        }

        @Override
        public void body(int bytes) {
            assertTrue(bytes > 0, "empty body event");
            body += bytes;
        }

        @Override
        public void end() {
            events.add(body + " end");
        }

        @Override
        public void malformed() {
            events.add("malformed");
        }
    }

    private static List<String> parse(String wire, boolean closeAtEnd, int... splits) {
        return parse(wire.getBytes(StandardCharsets.ISO_8859_1), closeAtEnd, splits);
    }

    /** Feeds {@code wire} in pieces cut at {@code splits} (ascending), then ends the input if asked. */
    private static List<String> parse(byte[] wire, boolean closeAtEnd, int... splits) {
        ResponseParser p = new ResponseParser();
        Recorder r = new Recorder();
        int from = 0;
        for (int i = 0; i <= splits.length; i++) {
            int to = i < splits.length ? splits[i] : wire.length;
            ByteBuf b = Unpooled.wrappedBuffer(wire, from, to - from);
            p.read(b, r);
            assertEquals(0, b.readableBytes(), "the parser reads all it is given");
            from = to;
        }
        if (closeAtEnd) {
            p.endOfInput(r);
        }
        return r.events;
    }

    private static List<String> parse(String wire) {
        return parse(wire, false);
    }

    @Test
    void lengthChunkedAndBodylessResponsesInARow() {
        String wire = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"
                + "HTTP/1.1 404 Not Found\r\ntransfer-encoding: chunked\r\n\r\n3;ext=1\r\nabc\r\nA\r\n0123456789\r\n0\r\nx-trailer: 1\r\n\r\n"
                + "HTTP/1.1 204 No Content\r\nContent-Length: 7\r\n\r\n"
                + "HTTP/1.1 304 Not Modified\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
        List<String> expected = List.of("200 keep", "5 end", "404 keep", "13 end", "204 keep", "0 end", "304 keep", "0 end",
                "200 keep", "0 end");
        assertEquals(expected, parse(wire));
        // Split at every byte, and in every pair of places: no state is lost between reads.
        byte[] bytes = wire.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 1; i < bytes.length; i++) {
            assertEquals(expected, parse(bytes, false, i), "split at " + i);
            for (int j = i + 1; j < bytes.length; j += 7) {
                assertEquals(expected, parse(bytes, false, i, j), "split at " + i + ", " + j);
            }
        }
        int[] everyByte = new int[bytes.length - 1];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = i + 1;
        }
        assertEquals(expected, parse(bytes, false, everyByte), "one byte at a time");
    }

    @Test
    void informationalResponsesArePassedOverAndHeadHasNoBody() {
        assertEquals(List.of("200 keep", "2 end"),
                parse("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
        ResponseParser p = new ResponseParser();
        Recorder r = new Recorder();
        r.head = true;
        p.read(Unpooled.copiedBuffer("HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n",
                StandardCharsets.US_ASCII), r);
        assertEquals(List.of("200 keep", "0 end", "200 keep", "0 end"), r.events);
    }

    @Test
    void theConnectionEndsWhenTheResponseSaysSo() {
        assertEquals(List.of("200 close", "1 end"), parse("HTTP/1.1 200 OK\r\nConnection: Keep-Alive, CLOSE\r\nContent-Length: 1\r\n\r\nx"));
        assertEquals(List.of("200 close", "1 end"), parse("HTTP/1.0 200 OK\r\nContent-Length: 1\r\n\r\nx"));
        assertEquals(List.of("200 keep", "1 end"), parse("HTTP/1.0 200 OK\r\nconnection: keep-alive\r\nContent-Length: 1\r\n\r\nx"));
        // Transfer-Encoding wins over Content-Length, and the client closes after such a response (RFC 9112 6.1).
        assertEquals(List.of("200 close", "3 end"),
                parse("HTTP/1.1 200 OK\r\nContent-Length: 100\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"));
        // Neither: the body runs until the server closes; nothing is complete before that.
        assertEquals(List.of("200 close"), parse("HTTP/1.1 200 OK\r\n\r\nsome bytes", false));
        assertEquals(List.of("200 close", "10 end"), parse("HTTP/1.1 200 OK\r\n\r\nsome bytes", true, 20));
        // A transfer coding other than chunked last: until the close as well.
        assertEquals(List.of("200 close", "4 end"), parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\nabcd", true));
        // Cut off inside a length body: no end.
        assertEquals(List.of("200 keep"), parse("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", true));
    }

    @Test
    void lenientWhereTheRfcAllowsIt() {
        // Bare LF line endings, empty lines before a status line, equal Content-Lengths, a status without a reason,
        // whitespace before a colon, a folded line of a field the client does not read, statuses up to 999.
        assertEquals(List.of("200 keep", "2 end", "999 keep", "3 end"),
                parse("\r\n\nHTTP/1.1 200\nContent-Length: 2, 2\ncontent-length:2\nX-A : 1\nX-Folded: a\n b\n\nok"
                        + "HTTP/1.1 999 Whatever It Says\r\nContent-Length:3   \r\n\r\nabc"));
    }

    @Test
    void malformedResponsesAreReportedOnceAndNothingAfter() {
        String[] bad = {
            "garbage\r\n\r\n",
            "HTTP/2 200 OK\r\n\r\n",
            "HTTP/1.1 20 OK\r\n\r\n",
            "HTTP/1.1 2000 OK\r\n\r\n",
            "HTTP/1.1 099 Low\r\n\r\n",
            "HTTP/1.1 2x0 OK\r\n\r\n",
            "http/1.1 200 OK\r\n\r\n",
            "HTTP/1.1 200 OK\r\nno colon here\r\n\r\n",
            "HTTP/1.1 200 OK\r\n: no name\r\n\r\n",
            "HTTP/1.1 200 OK\r\nbad name: 1\r\n\r\n",
            "HTTP/1.1 200 OK\r\n folded first: 1\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n 6\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: 5, 6\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: +1\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: \r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nxyz\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3 x\r\nabc\r\n0\r\n\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n0\r\n\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10000000000000000\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nnot a trailer\r\n\r\n",
        };
        for (String b : bad) {
            List<String> events = parse(b + "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
            assertEquals("malformed", events.get(events.size() - 1), b + " -> " + events);
            assertEquals(1, events.stream().filter("malformed"::equals).count(), b + " -> " + events);
        }
    }

    @Test
    void linesAndHeadsAreBoundedAsNettysDecoderBoundedThem() {
        String reason = "r".repeat(ResponseParser.MAX_LINE - "HTTP/1.1 200 ".length());
        assertEquals(List.of("200 keep", "0 end"), parse("HTTP/1.1 200 " + reason + "\r\nContent-Length: 0\r\n\r\n"));
        assertEquals(List.of("malformed"), parse("HTTP/1.1 200 " + reason + "r\r\nContent-Length: 0\r\n\r\n"));
        // Field lines of 8192 bytes in all, line endings counted, and one byte more.
        String field = "x-a: " + "v".repeat(ResponseParser.MAX_FIELDS - "x-a: \r\n".length() - "\r\n".length());
        assertEquals(List.of("200 close", "0 end"), parse("HTTP/1.1 200 OK\r\n" + field + "\r\n\r\n", true));
        assertEquals(List.of("malformed"), parse("HTTP/1.1 200 OK\r\n" + field + "v\r\n\r\n", true));
        // A header that never ends is refused at its limit, not read on.
        ResponseParser p = new ResponseParser();
        Recorder r = new Recorder();
        p.read(Unpooled.copiedBuffer("HTTP/1.1 200 OK\r\nX-Endless: ", StandardCharsets.US_ASCII), r);
        for (int i = 0; i < 100; i++) {
            p.read(Unpooled.wrappedBuffer(new byte[1024]), r);
        }
        assertEquals(List.of("malformed"), r.events);
    }

    /**
     * Random well-formed responses, as Netty's decoder reads them and as this parser does: the
     * same statuses and body sizes, in the same order, whatever the pieces they arrive in.
     */
    @Test
    void readsWhatNettysDecoderReads() {
        Random random = new Random(42);
        for (int round = 0; round < 300; round++) {
            StringBuilder wire = new StringBuilder();
            List<String> expected = new ArrayList<>();
            int n = 1 + random.nextInt(6);
            for (int i = 0; i < n; i++) {
                if (random.nextInt(5) == 0) {
                    wire.append("HTTP/1.1 100 Continue\r\n\r\n");
                }
                int status = 200 + random.nextInt(400);
                wire.append("HTTP/1.1 ").append(status).append(random.nextBoolean() ? " Reason Phrase" : "").append("\r\n");
                for (int f = random.nextInt(4); f > 0; f--) {
                    wire.append("X-Field-").append(f).append(": ").append("v".repeat(random.nextInt(50))).append("\r\n");
                }
                int size = random.nextInt(3) == 0 ? random.nextInt(70000) : random.nextInt(100);
                boolean bodyless = status == 204 || status == 304;
                if (random.nextBoolean()) {
                    wire.append(random.nextBoolean() ? "Transfer-Encoding: chunked" : "transfer-encoding: Chunked").append("\r\n\r\n");
                    int left = size;
                    while (left > 0 && !bodyless) {
                        int chunk = 1 + random.nextInt(Math.min(left, 9000));
                        wire.append(Integer.toHexString(chunk)).append(random.nextBoolean() ? ";a=b" : "").append("\r\n")
                                .append("c".repeat(chunk)).append("\r\n");
                        left -= chunk;
                    }
                    if (!bodyless) {
                        wire.append("0\r\n").append(random.nextBoolean() ? "X-Trailer: t\r\n" : "").append("\r\n");
                    }
                } else {
                    wire.append(random.nextBoolean() ? "Content-Length: " : "content-length:").append(size).append("\r\n\r\n");
                    if (!bodyless) {
                        wire.append("b".repeat(size));
                    }
                }
                expected.add(status + " keep");
                expected.add((bodyless ? 0 : size) + " end");
            }
            byte[] bytes = wire.toString().getBytes(StandardCharsets.ISO_8859_1);
            int[] splits = random.ints(random.nextInt(8), 1, bytes.length).sorted().distinct().toArray();
            assertEquals(expected, parse(bytes, false, splits), "round " + round);
            assertEquals(expected, netty(bytes, splits), "round " + round + ": Netty's reading");
        }
    }

    /** The same events from Netty's HttpResponseDecoder (1xx passed over, as the client does). */
    private static List<String> netty(byte[] wire, int[] splits) {
        EmbeddedChannel ch = new EmbeddedChannel(new HttpResponseDecoder());
        List<String> events = new ArrayList<>();
        long body = 0;
        int from = 0;
        for (int i = 0; i <= splits.length; i++) {
            int to = i < splits.length ? splits[i] : wire.length;
            ch.writeInbound(Unpooled.wrappedBuffer(wire, from, to - from));
            from = to;
            for (Object o; (o = ch.readInbound()) != null; ) {
                HttpObject obj = (HttpObject) o;
                assertTrue(obj.decoderResult().isSuccess(), obj.decoderResult().toString());
                if (obj instanceof HttpResponse res && res.status().code() >= 200) {
                    events.add(res.status().code() + " keep");
                    body = 0;
                }
                if (obj instanceof HttpContent c) {
                    body += c.content().readableBytes();
                    if (c instanceof LastHttpContent && !events.isEmpty() && events.get(events.size() - 1).endsWith("keep")) {
                        events.add(body + " end");
                    }
                    c.release();
                }
            }
        }
        ch.finishAndReleaseAll();
        return events;
    }
}
