package dev.quiver.quic.kwik;

import java.io.InputStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import tech.kwik.core.QuicClientConnection;
import tech.kwik.core.QuicStream;

/**
 * The QUIC connection as Flupke sees it: the real one, with two changes.
 * <ul>
 *   <li>A request stream created on a request's thread is handed to that request's {@link
 *       Exchange} first. Flupke's {@code send} creates the stream itself and never shows it, but
 *       quiver must be able to abort a request on timeout (Kwik's reads wait forever otherwise) and
 *       to know its QUIC stream id (GOAWAY, the peer's RESET_STREAM code).</li>
 *   <li>A connection close Flupke issues right after a response stream ended abruptly on the same
 *       thread is dropped (see {@link StreamEndMark}): it would end every request of the
 *       connection for one stream's error.</li>
 * </ul>
 */
final class StreamCapture implements InvocationHandler {

    private final QuicClientConnection delegate;

    private StreamCapture(QuicClientConnection delegate) {
        this.delegate = delegate;
    }

    static QuicClientConnection wrap(QuicClientConnection connection) {
        return (QuicClientConnection) Proxy.newProxyInstance(StreamCapture.class.getClassLoader(),
                new Class<?>[] {QuicClientConnection.class}, new StreamCapture(connection));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getName().equals("close") && method.getParameterCount() == 2 && StreamEndMark.takeMark()) {
            return null;
        }
        Object result;
        try {
            result = method.invoke(delegate, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        if (result instanceof QuicStream stream && method.getName().equals("createStream")
                && stream.isClientInitiatedBidirectional()) {
            Exchange exchange = Exchange.current();
            if (exchange != null) {
                exchange.streamCreated(stream);
            }
            return markingReads(stream, exchange);
        }
        return result;
    }

    /** The request stream, its reads going through {@link StreamEndMark#input}. */
    private static QuicStream markingReads(QuicStream stream, Exchange exchange) {
        InputStream input = StreamEndMark.input(stream.getInputStream(),
                exchange == null ? () -> false : exchange::endedAbruptly);
        return (QuicStream) Proxy.newProxyInstance(StreamCapture.class.getClassLoader(),
                new Class<?>[] {QuicStream.class}, (p, m, a) -> {
                    if (m.getName().equals("getInputStream") && m.getParameterCount() == 0) {
                        return input;
                    }
                    try {
                        return m.invoke(stream, a);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
