package dev.quiver.core.interop;

/**
 * What became of a request sent as 0-RTT.
 *
 * @param sent the request went out in 0-RTT packets
 * @param accepted the server accepted the early data
 * @param response its response, or null when none came in time
 * @param detail what the stack said, in words
 */
public record EarlyData(boolean sent, boolean accepted, Response response, String detail) {
}
