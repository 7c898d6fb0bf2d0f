package dev.quiver.h2.client.http1;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quiver.core.engine.RequestTemplate;
import dev.quiver.core.engine.Target;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestBytesTest {

    private static String encode(RequestTemplate r, String url) {
        return new String(RequestBytes.encode(r, Target.parse(url)), StandardCharsets.ISO_8859_1);
    }

    @Test
    void aGetCarriesHostAndUserAgentAndNoLength() {
        assertEquals("GET /a?b=1 HTTP/1.1\r\nhost: 127.0.0.1:8080\r\nuser-agent: quiver\r\n\r\n",
                encode(RequestTemplate.get(), "http://127.0.0.1:8080/a?b=1"));
    }

    @Test
    void theUsersHostAgentAndBodyWinAndContentLengthIsTheBodys() {
        RequestTemplate r = new RequestTemplate("POST", List.of(new RequestTemplate.Header("host", "example.test"),
                new RequestTemplate.Header("user-agent", "mine"), new RequestTemplate.Header("content-length", "99"),
                new RequestTemplate.Header("x-a", "1")), "hello".getBytes(StandardCharsets.US_ASCII));
        assertEquals("POST / HTTP/1.1\r\nhost: example.test\r\nuser-agent: mine\r\nx-a: 1\r\ncontent-length: 5\r\n\r\nhello",
                encode(r, "http://127.0.0.1:8080/"));
    }
}
