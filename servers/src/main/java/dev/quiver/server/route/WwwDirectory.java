package dev.quiver.server.route;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The directory {@code quiver serve --www DIR} serves, as the QUIC interop runner's servers serve
 * {@code /www}: a request path names a regular file strictly inside it.
 *
 * <p>Nothing outside the directory is ever served: the path is percent-decoded once, and a decoded
 * {@code /}, {@code \}, NUL, or a {@code .} or {@code ..} segment is a bad request (a client that
 * means well never sends them); what is left is resolved with every symbolic link followed and
 * must still lie inside the directory (a link that stays inside is fine). Directories, special
 * files and missing files are not found.
 *
 * <p>The look-up touches the file system on the event loop (a stat and a real-path walk): cheap
 * for a page-cached directory, which is what a reference server serves.
 */
public final class WwwDirectory {

    private final Path root;

    private WwwDirectory(Path root) {
        this.root = root;
    }

    /**
     * The directory {@code dir}, its symbolic links resolved once here.
     *
     * @throws IllegalArgumentException if it does not exist or is not a directory (the message says which)
     */
    public static WwwDirectory of(Path dir) {
        Path real;
        try {
            real = dir.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException(dir + ": no such directory");
        }
        if (!Files.isDirectory(real)) {
            throw new IllegalArgumentException(dir + ": not a directory");
        }
        return new WwwDirectory(real);
    }

    /** The directory, symbolic links resolved. */
    public Path root() {
        return root;
    }

    /**
     * The route for a request target ({@code :path} or the HTTP/1.1 request URI): a {@link Route.File},
     * {@link Route.Fixed#BAD_REQUEST} for a path that tries to leave the directory or is malformed,
     * else {@link Route.Fixed#NOT_FOUND}. The query string and fragment are ignored.
     */
    public Route resolve(CharSequence target) {
        if (target == null || target.isEmpty() || target.charAt(0) != '/') {
            return Route.Fixed.NOT_FOUND; // "*", an absolute-form URI: not a file of ours
        }
        String decoded = decode(target);
        if (decoded == null) {
            return Route.Fixed.BAD_REQUEST;
        }
        StringBuilder relative = new StringBuilder(decoded.length());
        for (String segment : decoded.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                return Route.Fixed.BAD_REQUEST;
            }
            if (!segment.isEmpty()) {
                relative.append(relative.isEmpty() ? "" : "/").append(segment);
            }
        }
        if (relative.isEmpty()) {
            return Route.Fixed.NOT_FOUND; // the directory itself
        }
        try {
            Path file = root.resolve(relative.toString()).toRealPath();
            if (!file.startsWith(root) || file.equals(root) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return Route.Fixed.NOT_FOUND;
            }
            return new Route.File(file);
        } catch (IOException | InvalidPathException | SecurityException e) {
            return Route.Fixed.NOT_FOUND;
        }
    }

    /**
     * The path part of {@code target} percent-decoded (UTF-8), or null when it is malformed or
     * decodes to a character that could change which file is meant ({@code /}, {@code \}, NUL).
     */
    private static String decode(CharSequence target) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(target.length());
        int length = target.length();
        for (int i = 0; i < length; i++) {
            char c = target.charAt(i);
            if (c == '?' || c == '#') {
                break;
            }
            if (c == '\\' || c == 0) {
                return null;
            }
            if (c != '%') {
                if (c < 0x80) {
                    bytes.write(c);
                } else {
                    bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                }
                continue;
            }
            int hi = i + 2 < length ? Character.digit(target.charAt(i + 1), 16) : -1;
            int lo = hi >= 0 ? Character.digit(target.charAt(i + 2), 16) : -1;
            if (lo < 0) {
                return null;
            }
            int b = hi << 4 | lo;
            if (b == '/' || b == '\\' || b == 0) {
                return null;
            }
            bytes.write(b);
            i += 2;
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
