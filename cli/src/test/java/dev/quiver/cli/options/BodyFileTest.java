package dev.quiver.cli.options;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.quiver.cli.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BodyFileTest {

    @TempDir
    Path dir;

    private static String refusal(Path p, int max) {
        return assertThrows(UsageException.class, () -> BodyFile.read(p, max)).getMessage();
    }

    @Test
    void aRegularFileWithinTheBoundIsTheBody() throws Exception {
        Path f = Files.write(dir.resolve("body"), new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, BodyFile.read(f, 3));
    }

    @Test
    void eachRefusalSaysWhy() throws Exception {
        assertEquals("-D " + dir.resolve("nope") + ": no such file", refusal(dir.resolve("nope"), 10));
        assertEquals("-D " + dir + ": is a directory, not a file", refusal(dir, 10));
        assertEquals("-D /dev/zero: not a regular file (a device or a pipe has no size to send; give a file)",
                refusal(Path.of("/dev/zero"), 10));
        Path big = Files.write(dir.resolve("big"), new byte[3 << 20]);
        assertEquals("-D " + big + ": 3.0 MiB, more than the 2 MiB a request body may have", refusal(big, 2 << 20));
    }
}
