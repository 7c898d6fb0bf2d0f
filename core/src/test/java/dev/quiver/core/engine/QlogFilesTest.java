package dev.quiver.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QlogFilesTest {

    @TempDir
    Path tmp;

    @Test
    void offHandsOutNothing() {
        assertFalse(QlogFiles.OFF.enabled());
        assertNull(QlogFiles.OFF.claim("netty"));
        assertEquals(0, QlogFiles.OFF.notLogged(), "off is not 'beyond the max'");
    }

    @Test
    void handsOutAtMostMaxFilesAndCountsTheRest() throws IOException {
        QlogFiles q = QlogFiles.into(tmp, 2);
        Path a = q.claim("netty");
        Path b = q.claim("kwik");
        assertNotEquals(a, b);
        assertEquals(tmp.toAbsolutePath(), a.getParent());
        assertTrue(a.getFileName().toString().matches("quiver-\\d{8}T\\d{6}Z-\\d+-netty-0001\\.sqlog"), a.toString());
        assertTrue(b.getFileName().toString().endsWith("-kwik-0002.sqlog"), b.toString());
        assertNull(q.claim("netty"));
        assertNull(q.claim("netty"));
        assertEquals(2, q.notLogged());
        assertEquals(List.of(), q.files(), "none written yet");
        Files.writeString(b, "x");
        assertEquals(List.of(b), q.files(), "only the files that exist count");
    }

    @Test
    void prepareCreatesTheDirectoryWithItsParents() throws IOException {
        Path dir = tmp.resolve("a/b/qlogs");
        QlogFiles.prepare(dir);
        assertTrue(Files.isDirectory(dir));
        try (var s = Files.list(dir)) {
            assertEquals(0, s.count(), "the write probe leaves nothing behind");
        }
    }

    @Test
    void prepareRefusesAFileAndAPathThroughAFile() throws IOException {
        Path file = Files.writeString(tmp.resolve("plain"), "x");
        IOException e = assertThrows(IOException.class, () -> QlogFiles.prepare(file));
        assertEquals(file + " exists and is not a directory", e.getMessage());
        IOException under = assertThrows(IOException.class, () -> QlogFiles.prepare(file.resolve("sub")));
        assertTrue(under.getMessage().startsWith("cannot create directory " + file.resolve("sub")), under.getMessage());
    }

    @Test
    void atLeastOneFile() {
        assertThrows(IllegalArgumentException.class, () -> QlogFiles.into(tmp, 0));
    }
}
