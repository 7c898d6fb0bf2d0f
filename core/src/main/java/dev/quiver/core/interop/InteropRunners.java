package dev.quiver.core.interop;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** The interop runners on the class path, found through {@link ServiceLoader}. */
public final class InteropRunners {

    private InteropRunners() {
    }

    public static List<InteropRunner> available() {
        List<InteropRunner> all = new ArrayList<>();
        ServiceLoader.load(InteropRunner.class).forEach(all::add);
        return all;
    }
}
