package dev.quiver.interop.hostile;

import java.io.IOException;
import java.net.Socket;
import java.util.SplittableRandom;

/** What a hostile TCP server does with one accepted connection, on that connection's own thread. */
@FunctionalInterface
interface TcpBehaviour {

    /**
     * Serves one connection until it is done with it. The server closes the socket afterwards;
     * a behaviour that loops stops at {@code deadlineMillis} (wall clock) at the latest.
     */
    void serve(Socket socket, SplittableRandom random, long deadlineMillis) throws IOException, InterruptedException;
}
