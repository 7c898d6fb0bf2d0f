package dev.quiver.core.interop;

import dev.quiver.core.interop.cases.AmplificationLimit;
import dev.quiver.core.interop.cases.Blackhole;
import dev.quiver.core.interop.cases.ChaCha20;
import dev.quiver.core.interop.cases.ConnectionMigration;
import dev.quiver.core.interop.cases.Goaway;
import dev.quiver.core.interop.cases.Goodput;
import dev.quiver.core.interop.cases.Handshake;
import dev.quiver.core.interop.cases.HandshakeCorruption;
import dev.quiver.core.interop.cases.HandshakeLoss;
import dev.quiver.core.interop.cases.Http3;
import dev.quiver.core.interop.cases.Ipv6;
import dev.quiver.core.interop.cases.KeyUpdate;
import dev.quiver.core.interop.cases.LongRtt;
import dev.quiver.core.interop.cases.Multiplexing;
import dev.quiver.core.interop.cases.RebindAddr;
import dev.quiver.core.interop.cases.RebindPort;
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
import java.util.Map;
import java.util.stream.Collectors;

/** Every interop case, in the order of the matrix; the ones that need a network (quiver lab) last. */
public final class InteropCases {

    private static final List<InteropCase> ALL = List.of(new Handshake(), new Transfer(), new Multiplexing(), new Http3(),
            new Retry(), new Resumption(), new ZeroRtt(), new ChaCha20(), new KeyUpdate(), new V2(), new Goaway(),
            new StreamLimits(), new ConnectionMigration(), new LongRtt(), new TransferLoss(), new TransferCorruption(),
            new HandshakeLoss(), new HandshakeCorruption(), new AmplificationLimit(), new Blackhole(), new Goodput(), new Ipv6(),
            new RebindPort(),
            new RebindAddr());

    private InteropCases() {
    }

    public static List<InteropCase> all() {
        return ALL;
    }

    /**
     * Parses {@code CASE.NAME=N} ({@code --case-setting}) into the settings map's key and value; bad
     * input is an {@link IllegalArgumentException} in one line naming the known settings.
     */
    public static Map.Entry<String, Long> parseSetting(String text) {
        int eq = text.indexOf('=');
        int dot = text.indexOf('.');
        if (eq < 0 || dot < 0 || dot > eq) {
            throw new IllegalArgumentException("--case-setting: expected CASE.NAME=N, got '" + text + "'");
        }
        InteropCase c = parse(text.substring(0, dot));
        String name = text.substring(dot + 1, eq).trim();
        CaseSetting s = c.settings().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("--case-setting: " + c.id() + " has no setting '" + name + "'" + (c.settings().isEmpty()
                        ? " (it has none)" : " (it has: " + c.settings().stream().map(CaseSetting::name).collect(Collectors.joining(", ")) + ")")));
        long value;
        try {
            value = Long.parseLong(text.substring(eq + 1).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--case-setting " + c.id() + "." + name + ": '" + text.substring(eq + 1) + "' is not a whole number");
        }
        return Map.entry(c.id() + "." + name, s.check(c.id(), value));
    }

    /** Parses a case name; an unknown one is an {@link IllegalArgumentException} naming the known ones. */
    public static InteropCase parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return ALL.stream().filter(c -> c.id().equals(n)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "unknown interop case '" + name + "' (known: " + ALL.stream().map(InteropCase::id)
                        .collect(Collectors.joining(", ")) + ")"));
    }
}
