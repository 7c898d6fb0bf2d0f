package dev.quiver.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TargetTest {

    private static String refusal(String url) {
        return assertThrows(IllegalArgumentException.class, () -> Target.parse(url)).getMessage();
    }

    @Test
    void portsOutOfRangeAreSaidPlainly() {
        assertEquals("invalid URL 'http://127.0.0.1:65536/': port 65536 out of range (1-65535)", refusal("http://127.0.0.1:65536/"));
        assertTrue(refusal("http://127.0.0.1:0/").contains("port 0 out of range (1-65535)"));
        assertTrue(refusal("http://127.0.0.1:99999999999/").contains("bad port in '127.0.0.1:99999999999' (a number from 1 to 65535)"));
        assertTrue(refusal("http://127.0.0.1:-1/").contains("bad port"));
        assertTrue(refusal("http://127.0.0.1:80x/").contains("bad port"));
        assertEquals(65535, Target.parse("http://127.0.0.1:65535/").port());
    }

    @Test
    void aMissingOrMalformedHostIsNamed() {
        assertTrue(refusal("http:///x").endsWith(": no host"));
        assertTrue(refusal("http://host_name:80/").contains("illegal character in hostname 'host_name:80'"), refusal("http://host_name:80/"));
        assertTrue(refusal("ftp://x/").contains("scheme must be http or https"));
    }
}
