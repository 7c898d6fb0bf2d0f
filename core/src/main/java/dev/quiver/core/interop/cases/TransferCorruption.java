package dev.quiver.core.interop.cases;

import dev.quiver.core.interop.CaseRun;
import dev.quiver.core.interop.InteropCase;
import dev.quiver.core.interop.Outcome;

/**
 * The interop runner's transfercorruption, inside {@code quiver lab}: 2% of packets each way get
 * one byte changed; QUIC's packet protection must drop them and the 2 MiB download still complete exact.
 */
public final class TransferCorruption implements InteropCase {

    @Override
    public String id() {
        return "transfercorruption";
    }

    @Override
    public String abbreviation() {
        return "C2";
    }

    @Override
    public String description() {
        return "2% of packets with a byte flipped, each way (quiver lab): a 2 MiB download completes byte-exact";
    }

    @Override
    public Outcome run(CaseRun run) throws Exception {
        return LossyTransfer.run(run, "corrupt=2%", "corrupted");
    }
}
