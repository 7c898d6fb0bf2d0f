package dev.quiver.quic.netty;

import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.JdkLoggerFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects what Netty logs at WARNING or above while it is open, e.g. the "exceptionCaught() event
 * ... reached at the tail of the pipeline" warning with its stack trace, which a user would see on
 * the terminal. Netty logs through java.util.logging here (no other logging library on the path).
 */
final class NettyWarnings implements AutoCloseable {

    private final Logger netty = Logger.getLogger("io.netty");
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                messages.add(record.getLoggerName() + ": " + record.getMessage()
                        + (record.getThrown() == null ? "" : " " + record.getThrown()));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private NettyWarnings() {
        if (!(InternalLoggerFactory.getDefaultFactory() instanceof JdkLoggerFactory)) {
            throw new IllegalStateException("Netty does not log through java.util.logging here: "
                    + InternalLoggerFactory.getDefaultFactory());
        }
        netty.addHandler(handler);
    }

    static NettyWarnings capture() {
        return new NettyWarnings();
    }

    List<String> messages() {
        return List.copyOf(messages);
    }

    @Override
    public void close() {
        netty.removeHandler(handler);
    }
}
