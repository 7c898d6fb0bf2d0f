package dev.quiver.interop.hostile;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The server side of an HTTP/2 connection (h2c with prior knowledge, or TLS with ALPN h2) written
 * by hand, frame by frame, so that a hostile server can send what no HTTP/2 library would let it
 * send. It keeps just enough state to be a believable peer: the client's preface and SETTINGS
 * (acknowledged), PING answers, and send windows (connection and per stream) so that an endless
 * body is paced by the client's WINDOW_UPDATEs rather than by a flow-control error.
 */
final class H2ServerSession {

    static final int DATA = 0x0;
    static final int HEADERS = 0x1;
    static final int RST_STREAM = 0x3;
    static final int SETTINGS = 0x4;
    static final int PING = 0x6;
    static final int GOAWAY = 0x7;
    static final int WINDOW_UPDATE = 0x8;
    static final int CONTINUATION = 0x9;

    static final int END_STREAM = 0x1;
    static final int ACK = 0x1;
    static final int END_HEADERS = 0x4;

    /** HPACK: ":status: 200" from the static table. */
    static final byte[] STATUS_200 = {(byte) 0x88};
    static final int MAX_FRAME = 16_384;

    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    /** What a hostile HTTP/2 server does with the client's requests; called on the reading thread. */
    interface Handler {
        void onRequest(H2ServerSession session, int streamId) throws IOException, InterruptedException;
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition windowOpened = lock.newCondition();
    /** Send windows of the streams this session answers; an entry leaves when the stream ends. */
    private final Map<Integer, long[]> streamWindows = new ConcurrentHashMap<>();
    private final long deadlineMillis;
    private long connectionWindow = 65_535;
    private long initialStreamWindow = 65_535;
    private volatile boolean closed;

    H2ServerSession(Socket socket, long deadlineMillis) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = new BufferedOutputStream(socket.getOutputStream(), 32 * 1024);
        this.deadlineMillis = deadlineMillis;
    }

    /** Reads the preface, sends SETTINGS, then reads frames until the connection ends. */
    void run(Handler handler) throws IOException, InterruptedException {
        byte[] preface = new byte[PREFACE.length];
        in.readFully(preface);
        if (!Arrays.equals(preface, PREFACE)) {
            throw new IOException("not an HTTP/2 client");
        }
        writeFrame(SETTINGS, 0, 0, new byte[0]);
        byte[] payload = new byte[MAX_FRAME];
        try {
            while (!closed && System.currentTimeMillis() < deadlineMillis) {
                int length = in.readUnsignedShort() << 8 | in.readUnsignedByte();
                int type = in.readUnsignedByte();
                int flags = in.readUnsignedByte();
                int streamId = in.readInt() & 0x7fff_ffff;
                if (length > MAX_FRAME) {
                    throw new IOException("frame larger than SETTINGS_MAX_FRAME_SIZE");
                }
                in.readFully(payload, 0, length);
                switch (type) {
                    case SETTINGS -> onSettings(flags, payload, length);
                    case PING -> {
                        if ((flags & ACK) == 0) {
                            writeFrame(PING, ACK, 0, Arrays.copyOf(payload, length));
                        }
                    }
                    case WINDOW_UPDATE -> onWindowUpdate(streamId, payload);
                    case RST_STREAM -> endStream(streamId);
                    case GOAWAY -> closed = true;
                    case HEADERS -> {
                        openStream(streamId);
                        handler.onRequest(this, streamId);
                    }
                    default -> {
                        // DATA of a request body, CONTINUATION, PRIORITY: nothing to answer
                    }
                }
            }
        } finally {
            close();
        }
    }

    private void onSettings(int flags, byte[] payload, int length) throws IOException {
        if ((flags & ACK) != 0) {
            return;
        }
        for (int i = 0; i + 6 <= length; i += 6) {
            int id = (payload[i] & 0xff) << 8 | payload[i + 1] & 0xff;
            long value = readInt(payload, i + 2) & 0xffff_ffffL;
            if (id == 0x4) { // SETTINGS_INITIAL_WINDOW_SIZE: every open stream's window moves by the difference
                lock.lock();
                try {
                    long delta = value - initialStreamWindow;
                    initialStreamWindow = value;
                    for (long[] w : streamWindows.values()) {
                        w[0] += delta;
                    }
                    windowOpened.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        }
        writeFrame(SETTINGS, ACK, 0, new byte[0]);
    }

    private void onWindowUpdate(int streamId, byte[] payload) {
        long increment = readInt(payload, 0) & 0x7fff_ffffL;
        lock.lock();
        try {
            if (streamId == 0) {
                connectionWindow += increment;
            } else {
                long[] w = streamWindows.get(streamId);
                if (w != null) {
                    w[0] += increment;
                }
            }
            windowOpened.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void openStream(int streamId) {
        lock.lock();
        try {
            streamWindows.put(streamId, new long[] {initialStreamWindow});
        } finally {
            lock.unlock();
        }
    }

    /** The stream is over for this server (reset by the client, or answered to its end). */
    void endStream(int streamId) {
        lock.lock();
        try {
            streamWindows.remove(streamId);
            windowOpened.signalAll();
        } finally {
            lock.unlock();
        }
    }

    boolean isOpen(int streamId) {
        return !closed && streamWindows.containsKey(streamId);
    }

    /**
     * Waits until both send windows have room and takes up to {@code wanted} bytes of it; 0 when the
     * stream or the connection ended (or the deadline passed) first.
     */
    int awaitWindow(int streamId, int wanted) throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                long[] w = streamWindows.get(streamId);
                if (closed || w == null || System.currentTimeMillis() >= deadlineMillis) {
                    return 0;
                }
                long room = Math.min(connectionWindow, w[0]);
                if (room > 0) {
                    int n = (int) Math.min(room, wanted);
                    connectionWindow -= n;
                    w[0] -= n;
                    return n;
                }
                windowOpened.await(100, TimeUnit.MILLISECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Writes one frame and flushes it; frames from several threads never interleave. */
    void writeFrame(int type, int flags, int streamId, byte[] payload) throws IOException {
        writeFrame(type, flags, streamId, payload, 0, payload.length);
    }

    void writeFrame(int type, int flags, int streamId, byte[] payload, int offset, int length) throws IOException {
        byte[] header = {
                (byte) (length >>> 16), (byte) (length >>> 8), (byte) length, (byte) type, (byte) flags,
                (byte) (streamId >>> 24 & 0x7f), (byte) (streamId >>> 16), (byte) (streamId >>> 8), (byte) streamId};
        synchronized (out) {
            out.write(header);
            out.write(payload, offset, length);
            out.flush();
        }
    }

    /** RST_STREAM with this error code. */
    void reset(int streamId, int errorCode) throws IOException {
        writeFrame(RST_STREAM, 0, streamId, int32(errorCode));
        endStream(streamId);
    }

    /** GOAWAY with this last stream id, error code and debug data. */
    void goaway(int lastStreamId, int errorCode, byte[] debug) throws IOException {
        byte[] payload = new byte[8 + debug.length];
        System.arraycopy(int32(lastStreamId & 0x7fff_ffff), 0, payload, 0, 4);
        System.arraycopy(int32(errorCode), 0, payload, 4, 4);
        System.arraycopy(debug, 0, payload, 8, debug.length);
        writeFrame(GOAWAY, 0, 0, payload);
    }

    /** A complete small response: :status 200 and a two-byte body. */
    void answer(int streamId) throws IOException {
        writeFrame(HEADERS, END_HEADERS, streamId, STATUS_200);
        writeFrame(DATA, END_STREAM, streamId, "ok".getBytes(StandardCharsets.US_ASCII));
        endStream(streamId);
    }

    void close() {
        closed = true;
        lock.lock();
        try {
            windowOpened.signalAll();
        } finally {
            lock.unlock();
        }
        TcpHostileServer.closeQuietly(socket);
    }

    boolean closed() {
        return closed;
    }

    long deadlineMillis() {
        return deadlineMillis;
    }

    static byte[] int32(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    private static int readInt(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | b[at + 3] & 0xff;
    }
}
