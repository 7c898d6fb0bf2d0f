package dev.quiver.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import org.junit.jupiter.api.Test;

class SocketErrorsTest {

    @Test
    void nativeErrnoNumbersBecomeWords() {
        assertEquals("reset by peer", SocketErrors.describe(new ConnectException("finishConnect(..) failed with error(-104)")));
        assertEquals("refused", SocketErrors.describe(new ConnectException("finishConnect(..) failed: Connection refused")));
        assertEquals("no route to host", SocketErrors.describe(new IOException("connect(..) failed with error(-113)")));
        assertEquals("no free local port (cannot assign requested address)",
                SocketErrors.describe(new IOException("connect(..) failed with error(-99)")));
    }

    @Test
    void theCLibrarysTextBecomesWordsAnywhereInTheCauseChain() {
        Throwable emfile = new RuntimeException("Unable to create Channel from class EpollSocketChannel",
                new IOException("newSocketStream(..) failed: Too many open files"));
        String words = SocketErrors.describe(emfile);
        assertTrue(words.startsWith("too many open files (descriptor limit "), words);
        assertEquals("too many open files in the system (fs.file-max)",
                SocketErrors.describe(new SocketException("Too many open files in system")));
        assertEquals("reset by peer", SocketErrors.describe(new IOException("Connection reset by peer")));
        assertNull(SocketErrors.describe(new IOException("something else")));
        assertNull(SocketErrors.describe(new IOException((String) null)));
    }

    @Test
    void localShortagesAreToldApartFromTheTargetsFailures() {
        assertTrue(SocketErrors.localResource(new SocketException("Too many open files")) != null);
        assertTrue(SocketErrors.localResource(new IOException("connect(..) failed with error(-99)")) != null);
        assertTrue(SocketErrors.localResource(new IOException("No buffer space available")) != null);
        assertNull(SocketErrors.localResource(new ConnectException("Connection refused")));
        assertNull(SocketErrors.localResource(null));
        assertTrue(SocketErrors.isLocalResource("connect: " + SocketErrors.describe(new SocketException("Too many open files"))));
        assertFalse(SocketErrors.isLocalResource("connect: refused"));
        assertFalse(SocketErrors.isLocalResource(null));
    }

    @Test
    void theDescriptorLimitIsKnownOnLinux() {
        assertTrue(SocketErrors.descriptorLimit() > 0, "limit " + SocketErrors.descriptorLimit());
    }
}
