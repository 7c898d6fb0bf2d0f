package dev.quiver.core.interop.cases;

import dev.quiver.core.interop.CaseRun;
import dev.quiver.core.interop.CaseSetting;
import dev.quiver.core.interop.InteropCase;
import dev.quiver.core.interop.Outcome;
import java.time.Duration;
import java.util.List;

/**
 * The interop runner's handshakecorruption, inside {@code quiver lab}: 30% of the packets each way
 * get one byte flipped, at most 3 in a row (its corrupt-rate scenario), which QUIC's packet protection
 * must drop; 50 handshakes, each on a new connection, all complete.
 */
public final class HandshakeCorruption implements InteropCase {

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

    @Override
    public List<CaseSetting> settings() {
        return List.of(LossyHandshakes.HANDSHAKES);
    }

    @Override
    public Duration minimumTimeout() {
        return LossyHandshakes.TIMEOUT;
    }

    @Override
    public Outcome run(CaseRun run) throws Exception {
        return LossyHandshakes.run(run, "corrupt=30% corrupt-max-run=3", "corrupted");
    }
}
