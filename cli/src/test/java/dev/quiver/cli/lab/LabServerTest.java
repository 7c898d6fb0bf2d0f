package dev.quiver.cli.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which directory quiver's own server serves in a lab: the --www of an interop command, nothing else. */
class LabServerTest {

    @Test
    void anInteropCommandsWwwIsServed() {
        assertEquals(Path.of("/tmp/www"), LabServer.wwwOf(List.of("interop", "https://{server}/", "-k", "--www", "/tmp/www")));
        assertEquals(Path.of("/tmp/www"), LabServer.wwwOf(List.of("interop", "--www=/tmp/www", "https://{server}/")));
        assertEquals(Path.of("www").toAbsolutePath(), LabServer.wwwOf(List.of("interop", "https://{server}/", "--www", "www")));
    }

    @Test
    void nothingElseIs() {
        assertNull(LabServer.wwwOf(List.of("interop", "https://{server}/", "-k")));
        assertNull(LabServer.wwwOf(List.of("interop", "https://{server}/", "--www")));
        assertNull(LabServer.wwwOf(List.of("run", "https://{server}/", "--www", "/tmp/www")));
        assertNull(LabServer.wwwOf(List.of()));
    }
}
