package dev.quiver.interop.hostile;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A UDP server on 127.0.0.1 that answers every datagram with garbage shaped to get past a QUIC
 * client's first checks: plain random bytes, a long-header packet of QUIC v1 with random contents,
 * or a Version Negotiation packet (echoing the client's connection ids, as a real one does) that
 * offers only random versions. One answer per datagram received, so it is bounded by the client.
 */
final class GarbageUdpServer implements HostileUdpServer {

    private final DatagramSocket socket;
    private final Thread thread;
    private final AtomicLong received = new AtomicLong();
    private final long seed = System.nanoTime();

    GarbageUdpServer() throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        thread = Thread.ofPlatform().daemon().name("hostile-udp").start(this::loop);
    }

    int port() {
        return socket.getLocalPort();
    }

    @Override
    public String url() {
        return "https://127.0.0.1:" + port() + "/";
    }

    /** Datagrams received: proof that quiver tried. */
    @Override
    public long reached() {
        return received.get();
    }

    private void loop() {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] in = new byte[2048];
        while (!socket.isClosed()) {
            DatagramPacket p = new DatagramPacket(in, in.length);
            try {
                socket.receive(p);
                received.incrementAndGet();
                byte[] answer = switch (random.nextInt(3)) {
                    case 0 -> randomBytes(random, 1 + random.nextInt(1200));
                    case 1 -> longHeaderV1(random);
                    default -> versionNegotiation(random, in, p.getLength());
                };
                socket.send(new DatagramPacket(answer, answer.length, p.getSocketAddress()));
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    private static byte[] randomBytes(SplittableRandom random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static byte[] longHeaderV1(SplittableRandom random) {
        byte[] b = randomBytes(random, 1200);
        b[0] = (byte) (0xC0 | b[0] & 0x3f);
        b[1] = 0;
        b[2] = 0;
        b[3] = 0;
        b[4] = 1;
        b[5] = 8; // destination connection id length
        b[14] = 8; // source connection id length
        return b;
    }

    /** A Version Negotiation packet for the client's long-header packet, or random bytes if it was none. */
    private static byte[] versionNegotiation(SplittableRandom random, byte[] in, int length) {
        if (length < 7 || (in[0] & 0x80) == 0) {
            return randomBytes(random, 64);
        }
        int dcidLength = in[5] & 0xff;
        if (6 + dcidLength >= length) {
            return randomBytes(random, 64);
        }
        int scidLength = in[6 + dcidLength] & 0xff;
        if (7 + dcidLength + scidLength > length) {
            return randomBytes(random, 64);
        }
        int versions = 1 + random.nextInt(8);
        ByteBuffer out = ByteBuffer.allocate(1 + 4 + 1 + scidLength + 1 + dcidLength + 4 * versions);
        out.put((byte) (0x80 | random.nextInt(0x80)));
        out.putInt(0);
        out.put((byte) scidLength).put(in, 7 + dcidLength, scidLength); // their source id is our destination
        out.put((byte) dcidLength).put(in, 6, dcidLength);
        for (int i = 0; i < versions; i++) {
            int v = random.nextInt();
            out.putInt(v == 1 ? 2 : v); // never the version the client offered
        }
        return out.array();
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        thread.join(2_000);
    }

    @Override
    public String toString() {
        return "garbage UDP on 127.0.0.1:" + port() + " (seed " + seed + ")";
    }
}
