package dev.quiver.quic.kwik;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import tech.kwik.core.QuicClientConnection;
import tech.kwik.core.QuicStream;

/**
 * Gives each request a handle on its QUIC stream. Flupke's {@code send} creates the stream itself
 * and never shows it, but quiver must be able to abort a request on timeout (Kwik's reads wait
 * forever otherwise). So Flupke gets a {@link QuicClientConnection} that is the real one except
 * that a bidirectional stream created on a request's thread is handed to that request's {@link
 * Exchange} first.
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
        }
        return result;
    }
}
