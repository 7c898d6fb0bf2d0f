package dev.quiver.core.interop.cases;

import dev.quiver.core.interop.CaseRun;
import dev.quiver.core.interop.InteropCase;
import dev.quiver.core.interop.Outcome;

/** The interop runner's transferloss, inside {@code quiver lab}: 2 MiB byte-exact through 2% loss, at most 3 in a row, both ways (the runner's drop-rate {@code --burst=3} is a cap). */
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
        return "2% loss each way, at most 3 in a row (quiver lab): a 2 MiB download completes byte-exact";
    }

    @Override
    public Outcome run(CaseRun run) throws Exception {
        return LossyTransfer.run(run, "loss=2% loss-max-run=3", "dropped_loss");
    }
}
