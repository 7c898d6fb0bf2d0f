package dev.quiver.interop.hostile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

/** Hostile HTTP/2 servers, on {@link H2ServerSession}: a proper handshake, then bad answers. */
final class Http2Hostility {

    private static final int REFUSED_STREAM = 0x7;

    private Http2Hostility() {
    }

    private static TcpBehaviour session(Handlers handlers) {
        return (s, random, deadline) -> new H2ServerSession(s, deadline).run(handlers.create(random));
    }

    /** A handler per connection, with that connection's randomness. */
    private interface Handlers {
        H2ServerSession.Handler create(SplittableRandom random);
    }

    /** SETTINGS as a proper server sends them, then silence: no request is ever answered. */
    static TcpBehaviour settingsThenSilence() {
        return session(random -> (h2, streamId) -> h2.endStream(streamId));
    }

    /**
     * Every stream is reset with a random error code: at once, after the response headers, or in
     * the middle of the body. One in eight is REFUSED_STREAM (which the client may retry once),
     * one in eight NO_ERROR; the rest are 32-bit codes no RFC defines.
     */
    static TcpBehaviour resetEveryStream() {
        return session(random -> (h2, streamId) -> {
            int when = random.nextInt(3);
            if (when >= 1) {
                h2.writeFrame(H2ServerSession.HEADERS, H2ServerSession.END_HEADERS, streamId, H2ServerSession.STATUS_200);
            }
            if (when == 2) {
                h2.writeFrame(H2ServerSession.DATA, 0, streamId, "partial".getBytes(StandardCharsets.US_ASCII));
            }
            int pick = random.nextInt(8);
            int code = pick == 0 ? REFUSED_STREAM : pick == 1 ? 0 : random.nextInt();
            h2.reset(streamId, code);
        });
    }

    /**
     * GOAWAY again and again, with random error codes and random last stream ids (below, at and
     * far above the streams really opened; rising again, which RFC 9113 forbids), with random debug
     * data. Half of the requests are answered, the others never; now and then the connection is
     * closed right after a GOAWAY.
     */
    static TcpBehaviour randomGoaways() {
        return session(random -> (h2, streamId) -> {
            if (random.nextBoolean()) {
                h2.answer(streamId);
            } else {
                h2.endStream(streamId); // never answered
            }
            if (random.nextInt(3) == 0) {
                int last = switch (random.nextInt(4)) {
                    case 0 -> 0;
                    case 1 -> Math.max(0, streamId - 2 * random.nextInt(4));
                    case 2 -> streamId + 2 * random.nextInt(8);
                    default -> random.nextInt(Integer.MAX_VALUE);
                };
                int code = random.nextBoolean() ? 0 : random.nextInt(3) == 0 ? random.nextInt(14) : random.nextInt();
                byte[] debug = new byte[random.nextInt(64)];
                random.nextBytes(debug);
                h2.goaway(last, code, debug);
                if (random.nextInt(10) == 0) {
                    h2.close();
                }
            }
        });
    }

    /** Response headers, then DATA without end, as fast as the client's flow-control windows allow. */
    static TcpBehaviour endlessData() {
        return session(random -> (h2, streamId) -> {
            h2.writeFrame(H2ServerSession.HEADERS, H2ServerSession.END_HEADERS, streamId, H2ServerSession.STATUS_200);
            Thread.ofVirtual().name("hostile-h2-data").start(() -> {
                byte[] data = new byte[H2ServerSession.MAX_FRAME];
                Arrays.fill(data, (byte) 'x');
                try {
                    int n;
                    while ((n = h2.awaitWindow(streamId, data.length)) > 0) {
                        h2.writeFrame(H2ServerSession.DATA, 0, streamId, data, 0, n);
                    }
                } catch (IOException e) {
                    h2.close(); // the client went away
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        });
    }

    /**
     * A HEADERS frame without END_HEADERS, then CONTINUATION frames without end, each packed with
     * new literal header fields (the CONTINUATION flood of CVE-2024-27316).
     */
    static TcpBehaviour endlessHeaders() {
        byte[] block = continuationBlock();
        return session(random -> (h2, streamId) -> {
            h2.writeFrame(H2ServerSession.HEADERS, 0, streamId, H2ServerSession.STATUS_200);
            while (!h2.closed() && System.currentTimeMillis() < h2.deadlineMillis()) {
                h2.writeFrame(H2ServerSession.CONTINUATION, 0, streamId, block);
            }
        });
    }

    /** About 16 KB of HPACK literal fields without indexing, new names: {@code x-flood: aaa...}. */
    private static byte[] continuationBlock() {
        byte[] name = "x-flood".getBytes(StandardCharsets.US_ASCII);
        byte[] value = new byte[100];
        Arrays.fill(value, (byte) 'a');
        int fieldLength = 1 + 1 + name.length + 1 + value.length;
        byte[] block = new byte[fieldLength * (H2ServerSession.MAX_FRAME / fieldLength)];
        for (int at = 0; at + fieldLength <= block.length; at += fieldLength) {
            block[at] = 0x00;
            block[at + 1] = (byte) name.length;
            System.arraycopy(name, 0, block, at + 2, name.length);
            block[at + 2 + name.length] = (byte) value.length;
            System.arraycopy(value, 0, block, at + 3 + name.length, value.length);
        }
        return block;
    }

    /** A proper 200-byte response, one byte per DATA frame every {@code millisPerByte}. */
    static TcpBehaviour slowDrip(long millisPerByte) {
        return session(random -> (h2, streamId) -> {
            h2.writeFrame(H2ServerSession.HEADERS, H2ServerSession.END_HEADERS, streamId, H2ServerSession.STATUS_200);
            Thread.ofVirtual().name("hostile-h2-drip").start(() -> {
                byte[] one = {'x'};
                try {
                    for (int i = 0; i < 200 && h2.isOpen(streamId) && h2.awaitWindow(streamId, 1) == 1; i++) {
                        h2.writeFrame(H2ServerSession.DATA, i == 199 ? H2ServerSession.END_STREAM : 0, streamId, one);
                        Thread.sleep(millisPerByte);
                    }
                } catch (IOException e) {
                    h2.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        });
    }
}
