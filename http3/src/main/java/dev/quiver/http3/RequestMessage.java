package dev.quiver.http3;

import dev.quiver.core.engine.RequestHead;
import dev.quiver.core.engine.RequestTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A run's request as the bytes of its request stream: one HEADERS frame (QPACK, static table
 * only) and, with a body, one DATA frame. Built once: every request of the run sends the same
 * bytes, and Kwik copies what it is given, so one array serves all streams.
 */
public final class RequestMessage {

    private RequestMessage() {
    }

    public static byte[] of(RequestHead head, byte[] body) {
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        for (RequestTemplate.Header h : head.wireFields()) {
            fields.add(Map.entry(h.name(), h.value()));
        }
        byte[] section = QpackEncoder.encode(fields);
        int size = H3Frames.headerSize(H3Frames.HEADERS, section.length) + section.length
                + (body.length == 0 ? 0 : H3Frames.headerSize(H3Frames.DATA, body.length) + body.length);
        byte[] out = new byte[size];
        int p = H3Frames.writeHeader(out, 0, H3Frames.HEADERS, section.length);
        System.arraycopy(section, 0, out, p, section.length);
        p += section.length;
        if (body.length > 0) {
            p = H3Frames.writeHeader(out, p, H3Frames.DATA, body.length);
            System.arraycopy(body, 0, out, p, body.length);
        }
        return out;
    }
}
