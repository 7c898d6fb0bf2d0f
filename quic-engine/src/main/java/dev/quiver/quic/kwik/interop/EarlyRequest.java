package dev.quiver.quic.kwik.interop;

import dev.quiver.core.interop.BodyDigest;
import dev.quiver.core.interop.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpHeaders;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.kwik.core.QuicStream;
import tech.kwik.flupke.impl.HeadersFrame;
import tech.kwik.qpack.Decoder;
import tech.kwik.qpack.Encoder;

/**
 * A GET written as raw HTTP/3 onto a stream Kwik sends as 0-RTT (Flupke itself sends nothing
 * early), and its response read back from that stream: HEADERS then DATA frames (RFC 9114 7.2).
 * QPACK without a dynamic table, which needs no settings from the server yet.
 */
final class EarlyRequest {

    private EarlyRequest() {
    }

    /** The request stream's bytes: one HEADERS frame. */
    static byte[] get(String authority, String path) {
        Map<String, String> pseudo = new LinkedHashMap<>();
        pseudo.put(":method", "GET");
        pseudo.put(":scheme", "https");
        pseudo.put(":authority", authority);
        pseudo.put(":path", path);
        HttpHeaders headers = HttpHeaders.of(Map.of("user-agent", List.of("quiver-interop")), (a, b) -> true);
        return new HeadersFrame(headers, pseudo).toBytes(Encoder.newBuilder().build());
    }

    /** The response: status, header count, the body counted and digested. */
    static Response read(QuicStream stream) throws IOException {
        InputStream in = stream.getInputStream();
        int status = 0;
        int headers = 0;
        BodyDigest body = new BodyDigest();
        byte[] chunk = new byte[16 << 10];
        long type;
        while ((type = varint(in)) >= 0) {
            long len = varint(in);
            if (len < 0) {
                throw new IOException("response frame cut off");
            }
            if (type == 1 && status == 0) {
                byte[] block = in.readNBytes((int) len);
                HeadersFrame h = new HeadersFrame().parsePayload(block, Decoder.newBuilder().build());
                status = Integer.parseInt(h.getPseudoHeader(":status"));
                headers = h.headers().map().size() + 1;
            } else if (type == 0) {
                for (long left = len; left > 0; ) {
                    int n = in.read(chunk, 0, (int) Math.min(chunk.length, left));
                    if (n < 0) {
                        throw new IOException("response body cut off");
                    }
                    body.update(chunk, 0, n);
                    left -= n;
                }
            } else {
                in.skipNBytes(len);
            }
        }
        return new Response(stream.getStreamId(), status, -1, body.bytes(), headers, body.hex());
    }

    /** A QUIC variable-length integer, or -1 at the end of the stream. */
    private static long varint(InputStream in) throws IOException {
        int first = in.read();
        if (first < 0) {
            return -1;
        }
        int len = 1 << (first >> 6);
        long v = first & 0x3f;
        for (int i = 1; i < len; i++) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("varint cut off");
            }
            v = (v << 8) | b;
        }
        return v;
    }

}
