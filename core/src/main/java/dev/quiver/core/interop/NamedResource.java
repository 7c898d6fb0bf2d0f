package dev.quiver.core.interop;

import java.util.ArrayList;
import java.util.List;

/** One resource the server has, named by the URL's path or {@code --path}; its bytes are judged by the first fetch. */
final class NamedResource implements Resources {

    private final String path;

    NamedResource(String path) {
        this.path = path;
    }

    @Override
    public List<Resource> files(String caseId, long... sizes) {
        List<Resource> out = new ArrayList<>(sizes.length);
        for (int i = 0; i < sizes.length; i++) {
            out.add(new Resource(path, -1, null));
        }
        return out;
    }

    @Override
    public boolean sized() {
        return false;
    }

    @Override
    public void remove(List<Resource> files) {
        // nothing was written
    }
}
