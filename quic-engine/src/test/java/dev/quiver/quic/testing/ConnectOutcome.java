package dev.quiver.quic.testing;

import dev.quiver.core.engine.Connection;
import dev.quiver.core.engine.ConnectionEvents;
import dev.quiver.core.engine.HandshakeTimes;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** Connection events for a test that cares only how a connect ended: ready or failed; the rest is ignored. */
public final class ConnectOutcome implements ConnectionEvents {

    private final Consumer<Connection> ready;
    private final BiConsumer<String, Throwable> failed;

    public ConnectOutcome(Consumer<Connection> ready, BiConsumer<String, Throwable> failed) {
        this.ready = ready;
        this.failed = failed;
    }

    @Override
    public void onReady(Connection connection, HandshakeTimes times) {
        ready.accept(connection);
    }

    @Override
    public void onConnectFailed(String category, Throwable cause) {
        failed.accept(category, cause);
    }

    @Override
    public void onCapacity(Connection connection) {
    }

    @Override
    public void onDraining(Connection connection) {
    }

    @Override
    public void onRetiring(Connection connection) {
    }

    @Override
    public void onClosed(Connection connection, boolean lost) {
    }
}
