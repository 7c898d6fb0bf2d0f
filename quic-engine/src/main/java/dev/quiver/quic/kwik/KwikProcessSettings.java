package dev.quiver.quic.kwik;

import tech.kwik.flupke.impl.Http3ClientConnectionImpl;

/**
 * Process-wide settings Kwik needs before its first connection, made once by every class that
 * builds Kwik connections (the load engine, the interop cases).
 *
 * <ul>
 *   <li>Kwik's Java {@code assert}s are switched off. Kwik 0.10.8 asserts that its loss delay is
 *       above zero, which fails when the smoothed RTT rounds down to 0 ms (loopback on an idle
 *       machine); with assertions on ({@code java -ea}, or any test run) the {@link AssertionError}
 *       kills the connection's receiver thread, so it reads nothing more: the handshake is never
 *       confirmed and the connect hangs until its timeout. Newer Kwik replaces the assert with a
 *       1 ms floor; without assertions 0.10.8 goes on with a loss delay of 0, which at worst
 *       declares a packet lost early and sends it again.</li>
 *   <li>{@code noServerCertificateCheck()} prints a warning to System.out for every connection
 *       unless a system property says not to; quiver says what {@code --insecure} means itself and
 *       keeps stdout for its report.</li>
 *   <li>Flupke reads a response's HEADERS frame whole into one array, of whatever length the server
 *       announces, and has no limit by default: a server that announces a gigabyte and sends without
 *       end fills the heap. Frames read where HEADERS belong are limited to
 *       {@value #MAX_HEADER_FRAME_BYTES} bytes (the netty engine allows 8 KiB of decoded fields);
 *       the body is read in chunks, and stays unlimited. (Flupke serves the interop cases; the load
 *       engine reads responses itself and applies the same limit.)</li>
 * </ul>
 */
public final class KwikProcessSettings {

    /** The longest HEADERS frame (or any frame read where HEADERS belong) a response may have. */
    static final int MAX_HEADER_FRAME_BYTES = 64 * 1024;

    private KwikProcessSettings() {
    }

    static {
        ClassLoader kwik = tech.kwik.core.QuicConnection.class.getClassLoader();
        // Takes effect for every Kwik class not yet initialised, which is every class that asserts:
        // the interface above has no assertions, and this runs before any connection is built.
        kwik.setPackageAssertionStatus("tech.kwik", false);
        System.setProperty("tech.kwik.core.no-security-warnings", "true");
        // Read by every Http3ClientConnectionImpl when it is built, so before any connection is.
        Http3ClientConnectionImpl.MAX_RECEIVED_HEADER_SIZE = MAX_HEADER_FRAME_BYTES;
        Http3ClientConnectionImpl.MAX_RECEIVED_DATA_SIZE = MAX_HEADER_FRAME_BYTES;
    }

    /** Makes the settings (the first call does; later calls do nothing). */
    public static void apply() {
        // the static initialiser above did the work
    }
}
