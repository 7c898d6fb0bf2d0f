package dev.quiver.server.error;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.channels.ClosedChannelException;
import org.junit.jupiter.api.Test;

/**
 * An exception nobody handled ends at the last handler, which closes the channel, instead of at
 * Netty's pipeline tail (which logs it with its stack trace on stderr). Seen on QUIC streams that
 * read after an abrupt close of their connection under {@code --close-every}.
 */
class CloseOnErrorHandlerTest {

    @Test
    void anUnhandledIoErrorClosesTheChannelAndGoesNoFurther() {
        EmbeddedChannel channel = new EmbeddedChannel(CloseOnErrorHandler.INSTANCE);
        channel.pipeline().fireExceptionCaught(new ClosedChannelException());
        channel.checkException(); // would rethrow had the exception reached the pipeline's tail
        assertFalse(channel.isOpen());
    }

    @Test
    void anUnexpectedErrorAlsoClosesTheChannel() {
        EmbeddedChannel channel = new EmbeddedChannel(CloseOnErrorHandler.INSTANCE);
        channel.pipeline().fireExceptionCaught(new IllegalStateException("a bug here"));
        channel.checkException();
        assertFalse(channel.isOpen());
    }

    @Test
    void withoutItTheExceptionReachesTheTail() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.pipeline().fireExceptionCaught(new ClosedChannelException());
        assertThrows(ClosedChannelException.class, channel::checkException);
        assertTrue(channel.isOpen());
    }
}
