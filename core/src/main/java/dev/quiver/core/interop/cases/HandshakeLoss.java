package dev.quiver.core.interop.cases;

import dev.quiver.core.interop.CaseRun;
import dev.quiver.core.interop.CaseSetting;
import dev.quiver.core.interop.InteropCase;
import dev.quiver.core.interop.Outcome;
import java.time.Duration;
import java.util.List;

/**
 * The interop runner's handshakeloss, inside {@code quiver lab}: 30% loss each way, at most 3 in a row
 * (its drop-rate scenario); 50 handshakes, each on a new connection, all complete.
 */
public final class HandshakeLoss implements InteropCase {

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
        return LossyHandshakes.run(run, "loss=30% loss-max-run=3", "dropped_loss");
    }
}
