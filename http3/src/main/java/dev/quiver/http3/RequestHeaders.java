package dev.quiver.http3;

/**
 * What a server needs of a request's field section: its {@code :method}, {@code :path} and
 * {@code :authority} (null when absent; a request without method or path never gets this far).
 */
public record RequestHeaders(String method, String path, String authority) {
}
