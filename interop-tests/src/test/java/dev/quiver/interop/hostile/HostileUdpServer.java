package dev.quiver.interop.hostile;

/** A hostile server on a UDP port of 127.0.0.1 that quiver reaches with {@code --http 3}. */
interface HostileUdpServer extends AutoCloseable {

    /** The https URL quiver is pointed at. */
    String url();

    /** What reached the server (requests, or datagrams): proof that quiver got there. */
    long reached();

    @Override
    void close() throws InterruptedException;
}
