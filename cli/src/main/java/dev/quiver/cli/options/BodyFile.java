package dev.quiver.cli.options;

import dev.quiver.cli.UsageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The request body of {@code -D FILE}: a regular file of bounded size. A device ({@code /dev/zero})
 * or a pipe has no end to read to, and a huge file would be held in memory whole; both are refused
 * with one line saying why.
 */
public final class BodyFile {

    private BodyFile() {
    }

    static byte[] read(Path file, int maxBytes) {
        return read(file, maxBytes, "-D " + file);
    }

    /**
     * The file's bytes; a file that is missing, no regular file, unreadable or larger than {@code maxBytes}
     * is a {@link dev.quiver.cli.UsageException} whose message starts with {@code shown}.
     */
    public static byte[] read(Path file, int maxBytes, String shown) {
        if (Files.isDirectory(file)) {
            throw new UsageException(shown + ": is a directory, not a file");
        }
        if (!Files.exists(file)) {
            throw new UsageException(shown + ": no such file");
        }
        if (!Files.isRegularFile(file)) {
            throw new UsageException(shown + ": not a regular file (a device or a pipe has no size to send; give a file)");
        }
        try {
            if (Files.size(file) > maxBytes) {
                throw tooLarge(shown, Files.size(file), maxBytes);
            }
            try (InputStream in = Files.newInputStream(file)) {
                // One byte past the bound, in case the file grew since its size was read.
                byte[] body = in.readNBytes(maxBytes + 1);
                if (body.length > maxBytes) {
                    throw tooLarge(shown, body.length, maxBytes);
                }
                return body;
            }
        } catch (NoSuchFileException e) {
            throw new UsageException(shown + ": no such file");
        } catch (AccessDeniedException e) {
            throw new UsageException(shown + ": permission denied");
        } catch (IOException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replace(file.toString() + ": ", "");
            throw new UsageException(shown + ": cannot read it: " + why);
        }
    }

    private static UsageException tooLarge(String shown, long size, int maxBytes) {
        return new UsageException(String.format(Locale.ROOT, "%s: %s, more than the %d MiB a request body may have",
                shown, size > maxBytes + 1L ? String.format(Locale.ROOT, "%.1f MiB", size / 1048576.0) : "larger",
                maxBytes >> 20));
    }
}
