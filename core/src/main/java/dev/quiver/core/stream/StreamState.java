package dev.quiver.core.stream;

/** Where a stream ended. Every stream reaches exactly one of these. */
public enum StreamState {
    /** The whole response arrived. */
    COMPLETED("completed"),
    /** The peer reset the stream (RST_STREAM, RESET_STREAM, STOP_SENDING). */
    RESET_BY_PEER("reset_by_peer"),
    /** quiver reset it: the run ended, or the user stopped it. */
    CANCELLED("cancelled"),
    /** The peer never processed it (beyond GOAWAY's last stream id, REFUSED_STREAM, H3_REQUEST_REJECTED): safe to retry. */
    REFUSED("refused"),
    /** The connection ended under it: GOAWAY with an error, transport close, idle timeout, abrupt close. */
    CONNECTION_LOST("connection_lost"),
    /** No terminal event within the request timeout. */
    TIMED_OUT("timed_out"),
    /** The peer broke the protocol on this stream. */
    PROTOCOL_ERROR("protocol_error");

    private static final StreamState[] ALL = values();

    private final String key;

    StreamState(String key) {
        this.key = key;
    }

    /** The name used in reports and JSON: {@code reset_by_peer}. */
    public String key() {
        return key;
    }

    static StreamState of(int ordinal) {
        return ALL[ordinal];
    }
}
