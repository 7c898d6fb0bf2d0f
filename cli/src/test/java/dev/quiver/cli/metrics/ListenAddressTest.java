package dev.quiver.cli.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** {@code --metrics-listen}: loopback by default, this machine's own addresses on purpose, never the wildcard. */
class ListenAddressTest {

    @ParameterizedTest
    @CsvSource({"127.0.0.1:9464,127.0.0.1,9464", "9464,127.0.0.1,9464", ":0,127.0.0.1,0", "[::1]:9464,0:0:0:0:0:0:0:1,9464",
        "localhost:80,127.0.0.1,80", "127.0.0.2:1,127.0.0.2,1"})
    void readsHostAndPort(String text, String host, int port) {
        InetSocketAddress a = ListenAddress.parse(text);
        assertEquals(host, a.getAddress().getHostAddress());
        assertEquals(port, a.getPort());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"0.0.0.0:9464|not on every interface", "[::]:9464|not on every interface",
        "192.0.2.1:9464|not an address of this machine", "127.0.0.1:65536|0..65535", "127.0.0.1:x|must be a number",
        "::1:9464|in brackets", "[::1]9464|not HOST:PORT", "no-such-host.invalid:1|does not resolve"})
    void refusesWithOneLine(String text, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ListenAddress.parse(text));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void aPortInUseIsOneLineNotAStackTrace() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            InetSocketAddress a = new InetSocketAddress(taken.getInetAddress(), taken.getLocalPort());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> MetricsServer.start(a, new LiveMetrics("http://x/")));
            assertTrue(e.getMessage().startsWith("cannot listen on 127.0.0.1:" + taken.getLocalPort()), e.getMessage());
        }
    }
}
