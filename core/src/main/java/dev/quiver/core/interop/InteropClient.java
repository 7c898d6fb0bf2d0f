package dev.quiver.core.interop;

/** The connections of one case on one engine; closing it closes them all. */
public interface InteropClient extends AutoCloseable {

    /** A new connection on a UDP socket of its own; resumes the session of an earlier connection of this client when it has one. */
    InteropConnection connect() throws Exception;

    /**
     * A new connection resuming an earlier one's session, with a GET for {@code path} sent as
     * 0-RTT as soon as the keys allow (see {@link InteropConnection#earlyData}).
     */
    InteropConnection connectEarly(String path) throws Exception;

    @Override
    void close();
}
