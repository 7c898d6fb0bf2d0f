package dev.quiver.core.interop.cases;

/** The interop runner's rebind-addr, inside {@code quiver lab}: the client's address and port change under a 10 MiB transfer; the server validates the new path. */
public final class RebindAddr extends Rebinding {

    public RebindAddr() {
        super("rebind-port=5s rebind-addr=5s");
    }

    @Override
    public String id() {
        return "rebind-addr";
    }

    @Override
    public String abbreviation() {
        return "BA";
    }

    @Override
    public String description() {
        return "NAT rebinds the client's address and port at 1 s, then every 5 s (quiver lab): a 10 MiB transfer completes and the server validated the path (PATH_CHALLENGE answered)";
    }
}
