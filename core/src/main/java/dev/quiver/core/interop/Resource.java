package dev.quiver.core.interop;

/**
 * A file a case downloads.
 *
 * @param path its path on the server
 * @param size its size, or -1 when only the server knows it (judged against the first fetch)
 * @param sha256 its SHA-256 in lower-case hex, or null when only the server knows it
 */
public record Resource(String path, long size, String sha256) {

    public boolean known() {
        return sha256 != null;
    }
}
