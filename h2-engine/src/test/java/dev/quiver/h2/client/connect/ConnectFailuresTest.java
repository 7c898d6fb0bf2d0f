package dev.quiver.h2.client.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.ChannelException;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import org.junit.jupiter.api.Test;

/** What a user reads for each way a TCP connect or TLS handshake fails: words, never a native call's text. */
class ConnectFailuresTest {

    @Test
    void nativeErrnoMessagesBecomeWords() {
        assertEquals("connect: reset by peer",
                ConnectFailures.category(new ConnectException("finishConnect(..) failed with error(-104)")));
        assertEquals("connect: refused", ConnectFailures.category(new ConnectException("finishConnect(..) failed: Connection refused")));
        assertEquals("connect: timed out", ConnectFailures.category(new ConnectTimeoutException("connection timed out: /127.0.0.1:9")));
    }

    @Test
    void aProcessOutOfDescriptorsIsNamedWithItsLimit() {
        String c = ConnectFailures.category(new ChannelException("Unable to create Channel from class EpollSocketChannel",
                new IOException("newSocketStream(..) failed: Too many open files")));
        assertTrue(c.startsWith("connect: too many open files (descriptor limit "), c);
    }

    @Test
    void anUnknownNativeMessageLosesTheCallsName() {
        assertEquals("connect: Something odd",
                ConnectFailures.category(new ConnectException("connect(..) failed: Something odd")));
        assertEquals("connect: failed", ConnectFailures.category(new ConnectException("connect(..) failed with error(-9999)")));
    }

    @Test
    void tlsFailuresSayWhatHappened() {
        assertEquals("tls: the server did not answer with TLS (a plaintext port?)",
                ConnectFailures.category(new DecoderException(new NotSslRecordException("not an SSL/TLS record: 485454502f"))));
        assertEquals("connect: closed by peer during set-up", ConnectFailures.category(new ClosedChannelException()));
    }
}
