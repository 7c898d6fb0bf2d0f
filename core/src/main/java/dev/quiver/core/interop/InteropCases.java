package dev.quiver.core.interop;

import dev.quiver.core.interop.cases.ChaCha20;
import dev.quiver.core.interop.cases.Goaway;
import dev.quiver.core.interop.cases.Handshake;
import dev.quiver.core.interop.cases.Http3;
import dev.quiver.core.interop.cases.KeyUpdate;
import dev.quiver.core.interop.cases.LongRtt;
import dev.quiver.core.interop.cases.Multiplexing;
import dev.quiver.core.interop.cases.Resumption;
import dev.quiver.core.interop.cases.Retry;
import dev.quiver.core.interop.cases.StreamLimits;
import dev.quiver.core.interop.cases.Transfer;
import dev.quiver.core.interop.cases.TransferCorruption;
import dev.quiver.core.interop.cases.TransferLoss;
import dev.quiver.core.interop.cases.V2;
import dev.quiver.core.interop.cases.ZeroRtt;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Every interop case, in the order of the matrix; the ones that need a network (quiver lab) last. */
public final class InteropCases {

    private static final List<InteropCase> ALL = List.of(new Handshake(), new Transfer(), new Multiplexing(), new Http3(),
            new Retry(), new Resumption(), new ZeroRtt(), new ChaCha20(), new KeyUpdate(), new V2(), new Goaway(),
            new StreamLimits(), new LongRtt(), new TransferLoss(), new TransferCorruption());

    private InteropCases() {
    }

    public static List<InteropCase> all() {
        return ALL;
    }

    /** Parses a case name; an unknown one is an {@link IllegalArgumentException} naming the known ones. */
    public static InteropCase parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return ALL.stream().filter(c -> c.id().equals(n)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "unknown interop case '" + name + "' (known: " + ALL.stream().map(InteropCase::id)
                        .collect(Collectors.joining(", ")) + ")"));
    }
}
