package dev.quiver.core.interop.cases;

/**
 * The interop runner's handshakeloss, inside {@code quiver lab}: 30% loss each way, at most 3 in a row
 * (its drop-rate scenario); 50 handshakes, each on a new connection, all complete.
 */
public final class HandshakeLoss extends LossyHandshakes {

    public HandshakeLoss() {
        super("loss=30% loss-max-run=3", "dropped_loss");
    }

    @Override
    public String id() {
        return "handshakeloss";
    }

    @Override
    public String abbreviation() {
        return "L1";
    }

    @Override
    public String description() {
        return "30% loss each way, at most 3 packets in a row (quiver lab): 50 handshakes, each on a new connection, all complete";
    }
}
