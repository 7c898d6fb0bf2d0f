package dev.quiver.core.interop.cases;

import dev.quiver.core.interop.CaseRun;
import dev.quiver.core.interop.InteropCase;
import dev.quiver.core.interop.Outcome;

/** The interop runner's transferloss, inside {@code quiver lab}: 2 MiB byte-exact through 2% loss in bursts of 3, both ways. */
public final class TransferLoss implements InteropCase {

    @Override
    public String id() {
        return "transferloss";
    }

    @Override
    public String abbreviation() {
        return "L2";
    }

    @Override
    public String description() {
        return "2% loss in bursts of 3 each way (quiver lab): a 2 MiB download completes byte-exact";
    }

    @Override
    public Outcome run(CaseRun run) throws Exception {
        return LossyTransfer.run(run, "loss=2% loss-burst=3", "dropped_loss");
    }
}
