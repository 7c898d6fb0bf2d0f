package dev.quiver.core.interop.cases;

import dev.quiver.core.interop.CaseRun;
import dev.quiver.core.interop.CaseSetting;
import dev.quiver.core.interop.InteropCase;
import dev.quiver.core.interop.Outcome;
import java.time.Duration;
import java.util.List;

/** The interop runner's rebind-port, inside {@code quiver lab}: the client's port changes under a 10 MiB transfer; the server validates the new path. */
public final class RebindPort implements InteropCase {

    static final CaseSetting BYTES = Rebinding.bytes();

    @Override
    public String id() {
        return "rebind-port";
    }

    @Override
    public String abbreviation() {
        return "BP";
    }

    @Override
    public String description() {
        return "NAT rebinds the client's port at 1 s, then every 5 s (quiver lab): a 10 MiB transfer completes and the server validated the path (PATH_CHALLENGE answered)";
    }

    @Override
    public List<CaseSetting> settings() {
        return List.of(BYTES);
    }

    @Override
    public Duration minimumTimeout() {
        return Duration.ofSeconds(60);
    }

    @Override
    public Outcome run(CaseRun run) throws Exception {
        return Rebinding.run(run, BYTES, "rebind-port=5s");
    }
}
