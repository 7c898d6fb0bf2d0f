package dev.quiver.http3;

/**
 * What a client does with a request the server reset with {@link H3Error#H3_REQUEST_REJECTED}: it
 * was never processed, so it is refused and retried, but only {@link #GOAWAY_READ_WAIT_MILLIS}
 * later.
 *
 * <p>Why the wait: a server rejects the requests that come after its GOAWAY, and that GOAWAY travels
 * on the control stream, another stream, right behind the reset or before it but read after it.
 * Read first, it drains the connection: a replacement opens, the retry waits for a connection newer
 * than the rejected attempt, and the rejection itself is seen as beyond the GOAWAY. Read after, the
 * retry went to any connection with room, often the one that rejected it, and was refused again
 * (measured against {@code quiver serve --goaway-every 100}, {@code -c 4 -p 8 -n 4000}: without the
 * wait 9 to 12 of 4,000 requests failed so on the netty engine and 12 to 33 on kwik; with it, 0 and
 * 0 to 3).
 */
public final class RejectedRequest {

    /** Long enough for a GOAWAY sent with the reset to be read on this machine's loopback; short beside a retry's round trip. */
    public static final long GOAWAY_READ_WAIT_MILLIS = 5;

    private RejectedRequest() {
    }
}
