package dev.quiver.core.interop.cases;

/**
 * The interop runner's handshakecorruption, inside {@code quiver lab}: 30% of the packets each way
 * get one byte flipped, at most 3 in a row (its corrupt-rate scenario), which QUIC's packet protection
 * must drop; 50 handshakes, each on a new connection, all complete.
 */
public final class HandshakeCorruption extends LossyHandshakes {

    public HandshakeCorruption() {
        super("corrupt=30% corrupt-max-run=3", "corrupted");
    }

    @Override
    public String id() {
        return "handshakecorruption";
    }

    @Override
    public String abbreviation() {
        return "C1";
    }

    @Override
    public String description() {
        return "30% of packets each way with a byte flipped, at most 3 in a row (quiver lab): 50 handshakes, each on a new connection, all complete";
    }
}
