package dev.quiver.server.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which request paths name a file of the served directory, and that none reaches outside it. */
class WwwDirectoryTest {

    @TempDir
    Path tmp;
    private Path www;
    private WwwDirectory dir;

    @BeforeEach
    void tree() throws IOException {
        www = Files.createDirectories(tmp.resolve("www"));
        Files.writeString(www.resolve("a.bin"), "a");
        Files.writeString(Files.createDirectories(www.resolve("sub")).resolve("b c.bin"), "b");
        Files.writeString(tmp.resolve("secret"), "outside");
        Files.createSymbolicLink(www.resolve("escape"), tmp.resolve("secret"));
        Files.createSymbolicLink(www.resolve("escape-dir"), tmp);
        Files.createSymbolicLink(www.resolve("inside"), www.resolve("a.bin"));
        dir = WwwDirectory.of(www);
    }

    private Route file(String relative) throws IOException {
        return new Route.File(www.resolve(relative).toRealPath());
    }

    @Test
    void regularFilesInsideByTheirPath() throws IOException {
        assertEquals(file("a.bin"), dir.resolve("/a.bin"));
        assertEquals(file("a.bin"), dir.resolve("/a.bin?x=1#f"));
        assertEquals(file("a.bin"), dir.resolve("//a.bin"));
        assertEquals(file("sub/b c.bin"), dir.resolve("/sub/b%20c.bin"));
        assertEquals(file("a.bin"), dir.resolve("/%61.bin"));
        // A link that stays inside is the file it points to.
        assertEquals(file("a.bin"), dir.resolve("/inside"));
        // What counts is where the file really is, not the way there.
        assertEquals(file("a.bin"), dir.resolve("/escape-dir/www/a.bin"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/../secret", "/sub/../../secret", "/sub/../a.bin", "/./a.bin", "/%2e%2e/secret",
            "/%2E%2E/secret", "/sub%2f..%2f..%2fsecret", "/..%5csecret", "/a.bin%00", "/a%zz", "/a%2", "/a%",
            "/sub\\..\\..\\secret"})
    void traversalAndMalformedPathsAreBadRequests(String target) {
        assertEquals(Route.Fixed.BAD_REQUEST, dir.resolve(target), target);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/sub", "/sub/", "/missing", "/escape", "/escape-dir/secret",
            "*", "http://host/a.bin", "a.bin", ""})
    void directoriesMissingFilesAndLinksOutAreNotFound(String target) {
        assertEquals(Route.Fixed.NOT_FOUND, dir.resolve(target), target);
    }

    @Test
    void nullIsNotFound() {
        assertEquals(Route.Fixed.NOT_FOUND, dir.resolve(null));
    }

    @Test
    void theOwnRoutesComeFirst() throws IOException {
        Files.writeString(Files.createDirectories(www.resolve("bytes")).resolve("5"), "a file");
        Routes routes = Routes.serving(dir);
        assertEquals(new Route.Bytes(5), routes.of("/bytes/5"));
        assertEquals(Route.Fixed.HELLO, routes.of("/"));
        assertEquals(file("a.bin"), routes.of("/a.bin"));
        assertEquals(Route.Fixed.NOT_FOUND, Routes.BUILT_IN.of("/a.bin"));
    }

    @Test
    void theDirectoryMustExistAndBeOne() throws IOException {
        assertEquals(tmp.resolve("nope") + ": no such directory",
                assertThrows(IllegalArgumentException.class, () -> WwwDirectory.of(tmp.resolve("nope"))).getMessage());
        assertEquals(www.resolve("a.bin") + ": not a directory",
                assertThrows(IllegalArgumentException.class, () -> WwwDirectory.of(www.resolve("a.bin"))).getMessage());
    }
}
