package dev.quiver.cli.urls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.cli.UsageException;
import dev.quiver.core.engine.RequestMix;
import dev.quiver.core.engine.RequestTemplate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlsFileTest {

    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        return Files.writeString(dir.resolve("requests.txt"), text);
    }

    private RequestMix read(String text, String... headers) throws IOException {
        return UrlsFile.read(file(text), Arrays.stream(headers).map(RequestTemplate.Header::parse).toList());
    }

    private String refusal(String text) throws IOException {
        Path f = file(text);
        String message = assertThrows(UsageException.class, () -> UrlsFile.read(f, List.of())).getMessage();
        assertFalse(message.contains("\n"), "one line: " + message);
        return message;
    }

    @Test
    void goodLinesWithWeightsCommentsBlankLinesQuotesAndBodies() throws IOException {
        RequestMix mix = read("""
                # a comment, then a blank line

                3 GET /api/items
                1 POST /api/items -H 'Content-Type: application/json' -d '{"a":1}'
                  delete "/api/items/7?force=1"   -H "X-Note: say \\"hi\\""
                2 put /upload -d name\\ with\\ space
                """);
        assertTrue(mix.perRequestReport());
        assertEquals(4, mix.size());
        RequestMix.Entry get = mix.entry(0);
        assertEquals(3, get.weight());
        assertEquals("GET", get.request().method());
        assertEquals("/api/items", get.path());
        assertEquals(0, get.request().body().length);
        assertTrue(get.source().endsWith("requests.txt:3"), get.source());

        RequestMix.Entry post = mix.entry(1);
        assertEquals(1, post.weight());
        assertEquals(List.of(new RequestTemplate.Header("content-type", "application/json")), post.request().headers());
        assertEquals("{\"a\":1}", new String(post.request().body(), StandardCharsets.UTF_8));

        RequestMix.Entry delete = mix.entry(2);
        assertEquals(1, delete.weight(), "the default weight");
        assertEquals("DELETE", delete.request().method());
        assertEquals("/api/items/7?force=1", delete.path());
        assertEquals("say \"hi\"", delete.request().headers().get(0).value());
        assertEquals("DELETE /api/items/7?force=1", delete.label());

        assertEquals("PUT", mix.entry(3).request().method());
        assertEquals("name with space", new String(mix.entry(3).request().body(), StandardCharsets.UTF_8));
        assertEquals(7, mix.totalWeight());
    }

    @Test
    void aBodyFromAFileIsReadRelativeToTheUrlsFile() throws IOException {
        Files.createDirectories(dir.resolve("bodies"));
        byte[] payload = {0, 1, 2, (byte) 0xff, '\n'};
        Files.write(dir.resolve("bodies/payload.bin"), payload);
        RequestMix mix = read("1 PUT /upload -d @bodies/payload.bin\n");
        assertArrayEquals(payload, mix.entry(0).request().body());
    }

    @Test
    void commandLineHeadersGoToEveryLineAndTheLineWins() throws IOException {
        RequestMix mix = read("GET /a -H 'X-Team: mine'\nGET /b\n", "X-Team: all", "Authorization: Bearer t");
        assertEquals(List.of(new RequestTemplate.Header("authorization", "Bearer t"), new RequestTemplate.Header("x-team", "mine")),
                mix.entry(0).request().headers());
        assertEquals(List.of(new RequestTemplate.Header("x-team", "all"), new RequestTemplate.Header("authorization", "Bearer t")),
                mix.entry(1).request().headers());
    }

    @Test
    void windowsLineEndsAndAByteOrderMarkAreFine() throws IOException {
        RequestMix mix = read("\uFEFF2 GET /a\r\n# c\r\nGET /b\r\n");
        assertEquals(2, mix.size());
        assertEquals("/a", mix.entry(0).path());
        assertEquals(2, mix.entry(0).weight());
        assertEquals("/b", mix.entry(1).path());
    }

    @Test
    void aLongLabelIsCut() throws IOException {
        RequestMix mix = read("GET /" + "x".repeat(200) + "\n");
        assertEquals(RequestMix.MAX_LABEL, mix.entry(0).label().length());
        assertTrue(mix.entry(0).label().endsWith("..."));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            0 GET /                               | :1: weight 0: a weight is a positive integer
            -2 GET /                              | :1: weight '-2' is not a positive integer
            1.5 GET /                             | :1: weight '1.5' is not a positive integer
            100001 GET /                          | :1: weight 100001 is more than 100000
            3                                     | :1: a method and a path are missing
            GET                                   | :1: the path is missing
            GET api/items                         | :1: path 'api/items' does not start with '/'
            GET https://other.test/               | :1: path 'https://other.test/' does not start with '/'
            GET /a#frag                           | :1: path '/a#frag' has a fragment
            G@T /                                 | :1: method 'G@T': a method is a token
            CONNECT /                             | :1: method CONNECT is not supported
            GET / -X POST                         | :1: unexpected '-X'
            GET / -H                              | :1: -H needs a value
            GET / -H 'no colon'                   | :1: -H 'no colon': expected 'Name: value'
            GET / -H ':path: /x'                  | :1: -H ':path: /x': pseudo-header fields
            POST / -d a -d b                      | :1: more than one -d
            POST / -d 'open                       | :1: unfinished ' quote at column 11
            POST / -d "open                       | :1: unfinished \" quote at column 11
            GET / \\                              | :1: a backslash at the end of the line escapes nothing
            PUT / -d @missing.bin                 | :1: -d @missing.bin: no such file
            PUT / -d @                            | :1: -d @ needs a file name
            """)
    void everyBadLineIsOneLineNamingTheFileAndTheLine(String line, String expected) throws IOException {
        String message = refusal(line.strip() + "\n");
        assertTrue(message.startsWith("--urls " + dir.resolve("requests.txt") + ":1: "), message);
        assertTrue(message.contains(expected.strip()), message + " does not say " + expected);
    }

    @Test
    void theLineNumberCountsBlankAndCommentLines() throws IOException {
        String message = refusal("# one\n\nGET /\n  \nGET nope\n");
        assertTrue(message.contains("requests.txt:5: path 'nope'"), message);
    }

    @Test
    void aFileThatIsEmptyMissingADirectoryOrNotTextIsRefused() throws IOException {
        assertTrue(refusal("# nothing but comments\n\n").endsWith(": no requests (every line is blank or a comment)"));
        Path missing = dir.resolve("nope.txt");
        assertEquals("--urls " + missing + ": no such file",
                assertThrows(UsageException.class, () -> UrlsFile.read(missing, List.of())).getMessage());
        assertEquals("--urls " + dir + ": is a directory, not a file",
                assertThrows(UsageException.class, () -> UrlsFile.read(dir, List.of())).getMessage());
        Path latin1 = Files.write(dir.resolve("latin1.txt"), new byte[] {'G', 'E', 'T', ' ', '/', (byte) 0xe9, '\n'});
        assertEquals("--urls " + latin1 + ": not UTF-8 text",
                assertThrows(UsageException.class, () -> UrlsFile.read(latin1, List.of())).getMessage());
    }

    @Test
    void tooManyLinesOrTooMuchWeightIsRefused() throws IOException {
        String many = "GET /\n".repeat(RequestMix.MAX_ENTRIES + 1);
        assertTrue(refusal(many).contains(":" + (RequestMix.MAX_ENTRIES + 1) + ": more than " + RequestMix.MAX_ENTRIES + " requests"));
        assertTrue(refusal("60000 GET /a\n50000 GET /b\n").endsWith(": the weights add up to 110000, more than 100000"));
    }
}
