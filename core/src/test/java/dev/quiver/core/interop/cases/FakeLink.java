package dev.quiver.core.interop.cases;

import dev.quiver.core.interop.LinkControl;
import java.util.ArrayList;
import java.util.List;

/** A lab link that records what a case asked of it and reports the counters the test scripts. */
final class FakeLink implements LinkControl {

    final List<String> calls = new ArrayList<>();
    /** The link's report (JSON text, as the lab writes it). */
    String report = "{\"to_server\":{\"dropped_loss\":0,\"corrupted\":0},\"to_client\":{\"dropped_loss\":0,\"corrupted\":0}}";

    @Override
    public String set(String flags) {
        calls.add("set " + flags);
        return report;
    }

    @Override
    public String report() {
        return report;
    }

    @Override
    public void restore() {
        calls.add("restore");
    }
}
