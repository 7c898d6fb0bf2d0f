package dev.quiver.core.interop.cases;

/** The interop runner's rebind-port, inside {@code quiver lab}: the client's port changes under a 10 MiB transfer; the server validates the new path. */
public final class RebindPort extends Rebinding {

    public RebindPort() {
        super("rebind-port=5s");
    }

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
}
