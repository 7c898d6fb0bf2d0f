package dev.quiver.quic.kwik;

import java.lang.reflect.Method;
import tech.kwik.core.QuicClientConnection;

/**
 * Asks Kwik to acknowledge what it received now rather than after its ACK delay. Kwik acknowledges
 * every second packet at once and an odd last one up to 20 ms later; a server frees a request's
 * stream, and returns its stream credit (MAX_STREAMS), only once its response is acknowledged. A
 * client that has used all its credit sends nothing that an ACK could ride on, so with every
 * stream of a connection in use each delayed ACK idled the connection for up to 20 ms. Kwik has
 * no public call for it; its sender's {@code sendAck} is reached by reflection, and if that fails
 * (another Kwik version) this does nothing and Kwik's own timing stays.
 */
final class AckNow {

    private final Object sender;
    private final Method sendAck;
    private final Method flush;
    private final Object appSpace;

    private AckNow(Object sender, Method sendAck, Method flush, Object appSpace) {
        this.sender = sender;
        this.sendAck = sendAck;
        this.flush = flush;
        this.appSpace = appSpace;
    }

    /** For this connection; null if Kwik's sender cannot be reached. */
    static AckNow of(QuicClientConnection quic) {
        try {
            Method getSender = findMethod(quic.getClass(), "getSender");
            getSender.setAccessible(true);
            Object sender = getSender.invoke(quic);
            Class<?> senderType = Class.forName("tech.kwik.core.send.Sender", false, quic.getClass().getClassLoader());
            Class<?> pnSpace = Class.forName("tech.kwik.core.common.PnSpace", false, quic.getClass().getClassLoader());
            Method sendAck = senderType.getMethod("sendAck", pnSpace, int.class);
            Method flush = senderType.getMethod("flush");
            Object app = pnSpace.getField("App").get(null);
            return new AckNow(sender, sendAck, flush, app);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static Method findMethod(Class<?> type, String name) throws NoSuchMethodException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals(name) && m.getParameterCount() == 0) {
                    return m;
                }
            }
        }
        throw new NoSuchMethodException(name);
    }

    /** Sends an ACK for the application packets received so far, without delay (any thread). */
    void send() {
        try {
            sendAck.invoke(sender, appSpace, 0);
            flush.invoke(sender);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // the connection is closing; nothing to acknowledge any more
        }
    }
}
