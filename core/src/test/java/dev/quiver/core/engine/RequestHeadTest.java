package dev.quiver.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestHeadTest {

    private static final Target TARGET = Target.parse("https://127.0.0.1:8443/a/b?x=1");

    private static List<String> fields(RequestHead head) {
        return head.fields().stream().map(h -> h.name() + ": " + h.value()).toList();
    }

    @Test
    void aPlainGetCarriesTheUrlAndOnlyTheUserAgent() {
        RequestHead head = RequestHead.of(RequestTemplate.get(), TARGET, "https");
        assertEquals("GET", head.method());
        assertEquals("https", head.scheme());
        assertEquals("127.0.0.1:8443", head.authority());
        assertEquals("/a/b?x=1", head.path());
        assertEquals(List.of("user-agent: quiver"), fields(head));
    }

    @Test
    void hostBecomesTheAuthorityAndConnectionSpecificFieldsAreDropped() {
        RequestTemplate r = new RequestTemplate("post", List.of(
                RequestTemplate.Header.parse("Host: example.test"),
                RequestTemplate.Header.parse("Connection: keep-alive"),
                RequestTemplate.Header.parse("Transfer-Encoding: chunked"),
                RequestTemplate.Header.parse("Content-Length: 999"),
                RequestTemplate.Header.parse("User-Agent: probe/1"),
                RequestTemplate.Header.parse("X-Trace: 7")),
                "hello".getBytes(StandardCharsets.UTF_8));
        RequestHead head = RequestHead.of(r, TARGET, "https");
        assertEquals("POST", head.method());
        assertEquals("example.test", head.authority());
        assertEquals(List.of("user-agent: probe/1", "x-trace: 7", "content-length: 5"), fields(head),
                "the body's length, not the user's, and no connection-specific field");
    }

    @Test
    void wireFieldsPutThePseudoHeadersFirst() {
        RequestHead head = RequestHead.of(RequestTemplate.get(), TARGET, "https");
        assertEquals(List.of(":method: GET", ":scheme: https", ":authority: 127.0.0.1:8443", ":path: /a/b?x=1",
                "user-agent: quiver"), head.wireFields().stream().map(h -> h.name() + ": " + h.value()).toList());
    }

    @Test
    void aStatusIsThreeDigitsOrZero() {
        assertEquals(200, ResponseStatus.parse("200"));
        assertEquals(503, ResponseStatus.parse("503"));
        assertEquals(0, ResponseStatus.parse("20"));
        assertEquals(0, ResponseStatus.parse("2x0"));
        assertEquals(0, ResponseStatus.parse(null));
    }
}
