package dev.quiver.core.interop;

import java.io.IOException;
import java.util.List;

/**
 * Where the cases' downloads come from: files quiver writes into the directory the server serves
 * ({@code --www}), or, without one, the resource the URL (or {@code --path}) names.
 */
public interface Resources {

    /** Files of these sizes for a case; without a directory of quiver's, the named resource for each. */
    List<Resource> files(String caseId, long... sizes) throws IOException;

    /** True when {@link #files} gives files of the sizes asked. */
    boolean sized();

    /** Removes files {@link #files} wrote (at the end of their case). */
    void remove(List<Resource> files);

    static Resources of(InteropSettings s) {
        return s.www() != null ? new WwwResources(s.www(), s) : new NamedResource(s.resourcePath());
    }
}
