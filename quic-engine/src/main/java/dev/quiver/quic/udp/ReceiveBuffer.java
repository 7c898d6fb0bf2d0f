package dev.quiver.quic.udp;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;

/**
 * The receive buffer of every UDP socket a QUIC client of quiver opens. The kernel's default
 * (about 208 KiB) overflows while the server's congestion window is still small: a download of
 * 20 responses of 100 KB over loopback lost about 150 datagrams a second to it
 * ({@code RcvbufErrors} in /proc/net/snmp), and every such loss halved the server's window, so
 * HTTP/3 moved 8 MB/s where HTTP/2 moved 270. The kernel caps the size at
 * {@code net.core.rmem_max}.
 */
public final class ReceiveBuffer {

    /** Bytes asked for; the kernel gives at most {@code net.core.rmem_max} (4 MiB on Debian 12). */
    public static final int BYTES = 4 << 20;

    private ReceiveBuffer() {
    }

    /** A socket for Kwik ({@code QuicClientConnection.Builder.socketFactory}): unbound as Kwik's own, with the larger buffer. */
    public static DatagramSocket kwikSocket(InetAddress server) throws SocketException {
        DatagramSocket socket = new DatagramSocket();
        socket.setReceiveBufferSize(BYTES);
        return socket;
    }
}
