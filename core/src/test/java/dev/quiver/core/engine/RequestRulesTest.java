package dev.quiver.core.engine;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RequestRulesTest {

    private static RequestTemplate request(String method, String body, String... headers) {
        return new RequestTemplate(method, java.util.Arrays.stream(headers).map(RequestTemplate.Header::parse).toList(),
                body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String refusal(RequestTemplate r, Protocol p) {
        String m = assertThrows(IllegalArgumentException.class, () -> RequestRules.check(r, p)).getMessage();
        assertFalse(m.contains("\n") || m.contains("\r"), "one line: " + m);
        return m;
    }

    @Test
    void methodsAreTokens() {
        for (Protocol p : Protocol.values()) {
            assertDoesNotThrow(() -> RequestRules.check(request("PATCH", ""), p));
            assertDoesNotThrow(() -> RequestRules.check(request("X-CUSTOM.1~", ""), p));
            assertTrue(refusal(request("BAD METHOD", ""), p).contains("not a space at position 4"));
            assertTrue(refusal(request("", ""), p).contains("the method is empty"));
            assertTrue(refusal(request("GE(T", ""), p).contains("not '(' at position 3"));
            assertTrue(refusal(request("G\u00c9T", ""), p).contains("U+00C9"));
            assertTrue(refusal(request("connect", ""), p).contains("CONNECT is not supported"));
        }
    }

    @Test
    void fieldNamesAreTokensAndPseudoHeadersAreNotTheUsers() {
        assertTrue(refusal(request("GET", "", "Bad Name: x"), Protocol.HTTP_1_1).contains("a field name is a token"));
        assertTrue(refusal(request("GET", "", "x@y: 1"), Protocol.HTTP_2).contains("not '@'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RequestTemplate.Header.parse(":path: /x"))
                .getMessage().contains("pseudo-header"));
        assertTrue(refusal(new RequestTemplate("GET", List.of(new RequestTemplate.Header(":authority", "x")), null),
                Protocol.HTTP_1_1).contains("pseudo-header"));
        assertEquals("-H 'no colon\\r\\nhere': expected 'Name: value'",
                assertThrows(IllegalArgumentException.class, () -> RequestTemplate.Header.parse("no colon\r\nhere")).getMessage());
        assertDoesNotThrow(() -> RequestRules.check(request("GET", "", "X-Trace_ID: 1"), Protocol.HTTP_3));
    }

    @Test
    void valuesHoldNoControlCharactersAndOnlyOctets() {
        for (Protocol p : Protocol.values()) {
            assertTrue(refusal(request("GET", "", "X: a\r\nInjected: 1"), p).contains("CR (0x0d) at position 2"));
            assertTrue(refusal(request("GET", "", "X: a\nb"), p).contains("LF (0x0a)"));
            assertTrue(refusal(request("GET", "", "X: a\u0000b"), p).contains("NUL (0x00)"));
            assertTrue(refusal(request("GET", "", "X: a\u0001b"), p).contains("control character 0x01"));
            assertTrue(refusal(request("GET", "", "X: \u20ac"), p).contains("U+20AC"));
            assertDoesNotThrow(() -> RequestRules.check(request("GET", "", "X: a\tb c \u00e9"), p));
        }
        // the echo of a bad value stays on one line
        String m = refusal(request("GET", "", "X: a\r\nb"), Protocol.HTTP_1_1);
        assertTrue(m.startsWith("-H 'x: a\\r\\nb'"), m);
    }

    @Test
    void connectionSpecificFieldsOnlyOverHttp1() {
        for (String h : List.of("Connection: close", "Keep-Alive: 5", "Proxy-Connection: x", "Upgrade: h2c")) {
            assertDoesNotThrow(() -> RequestRules.check(request("GET", "", h), Protocol.HTTP_1_1), h);
            assertTrue(refusal(request("GET", "", h), Protocol.HTTP_2).contains("not allowed in HTTP/2 (RFC 9113, 8.2.2)"), h);
            assertTrue(refusal(request("GET", "", h), Protocol.HTTP_3).contains("not allowed in HTTP/3 (RFC 9114, 4.2)"), h);
        }
        assertDoesNotThrow(() -> RequestRules.check(request("GET", "", "TE: trailers"), Protocol.HTTP_2));
        assertDoesNotThrow(() -> RequestRules.check(request("GET", "", "TE: gzip"), Protocol.HTTP_1_1));
        assertTrue(refusal(request("GET", "", "TE: gzip"), Protocol.HTTP_3).contains("TE only as 'trailers'"));
    }

    @Test
    void quiverFramesTheBodyItself() {
        for (Protocol p : Protocol.values()) {
            assertTrue(refusal(request("POST", "abc", "Transfer-Encoding: chunked"), p).contains("Transfer-Encoding cannot be set"));
            assertTrue(refusal(request("GET", "", "Content-Length: 5"), p).contains("does not match the body (0 bytes)"));
            assertDoesNotThrow(() -> RequestRules.check(request("POST", "abc", "Content-Length: 3"), p));
        }
    }

    @Test
    void longValuesAreCutInMessages() {
        String m = refusal(request("GET", "", "X: " + "v".repeat(500) + "\u0001v"), Protocol.HTTP_1_1);
        assertTrue(m.length() < 300, m);
        assertEquals(-1, RequestRules.firstNonToken("abc"));
    }
}
