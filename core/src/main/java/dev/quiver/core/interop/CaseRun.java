package dev.quiver.core.interop;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One case on one engine: the engine's clients, the case's files, and the check of every download
 * against them. Closing it removes the files the case had written.
 */
public final class CaseRun implements AutoCloseable {

    private final InteropEngine engine;
    private final InteropSettings settings;
    private final Resources resources;
    private final List<Resource> written = new ArrayList<>();
    /** Without files of quiver's: the first fetch of each path, which later ones must equal (one entry per path). */
    private final Map<String, Response> firstFetch = new HashMap<>();
    private boolean linkChanged;

    public CaseRun(InteropEngine engine, InteropSettings settings, Resources resources) {
        this.engine = engine;
        this.settings = settings;
        this.resources = resources;
    }

    public InteropSettings settings() {
        return settings;
    }

    public String engine() {
        return engine.name();
    }

    /** The value of one of the case's settings ({@code --case-setting}, else its default). */
    public long setting(CaseSetting s) {
        return settings.setting(s);
    }

    /** The case's timeout in milliseconds. */
    public long timeoutMillis() {
        return settings.caseTimeout().toMillis();
    }

    /** A client of the engine with these options; the caller closes it. */
    public InteropClient client(ClientOptions options) throws Exception {
        return engine.client(settings, options);
    }

    /** A client of the engine for another address of the server (the ipv6 case); the caller closes it. */
    public InteropClient client(ClientOptions options, dev.quiver.core.engine.Target target) throws Exception {
        return engine.client(settings.withTarget(target), options);
    }

    /** The lab's link when quiver runs in one, else null; unlike {@link #link()}, the case does not need one. */
    public LinkControl labLink() {
        if (settings.link() != null) {
            linkChanged = true;
        }
        return settings.link();
    }

    /**
     * The lab's link, for a case that needs a network; outside {@code quiver lab} the case is
     * unsupported here. Whatever the case sets, the lab's own link is restored when the case ends
     * ({@link #close}), also after a failure or its timeout.
     */
    public LinkControl link() throws UnsupportedCase {
        if (settings.link() == null) {
            throw new UnsupportedCase("needs quiver lab (the case sets the link's impairments)");
        }
        linkChanged = true;
        return settings.link();
    }

    /** Files of these sizes on the server (with {@code --www}), else the named resource for each. */
    public List<Resource> files(long... sizes) throws IOException {
        List<Resource> r = resources.files(settings.caseId(), sizes);
        written.addAll(r);
        return r;
    }

    /** One file (the interop runner's 1 KiB for the cases that are not about the download). */
    public Resource file() throws IOException {
        return files(1024).get(0);
    }

    /** True when {@link #files} gives files of the sizes asked (with {@code --www}). */
    public boolean sizedFiles() {
        return resources.sized();
    }

    /** Why a download is not the file, or null when it is byte-exact (without {@code --www}: equal to the first fetch). */
    public synchronized String mismatch(Resource r, Response got) {
        if (got.status() != 200) {
            return r.path() + " -> status " + got.status();
        }
        if (got.contentLength() >= 0 && got.contentLength() != got.bodyBytes()) {
            return r.path() + ": content-length " + got.contentLength() + " but " + got.bodyBytes() + " body bytes";
        }
        long size = r.size();
        String sha = r.sha256();
        String against = "the file written";
        if (!r.known()) {
            Response first = firstFetch.putIfAbsent(r.path(), got);
            if (first == null) {
                return null;
            }
            size = first.bodyBytes();
            sha = first.sha256();
            against = "the first fetch";
        }
        if (got.bodyBytes() != size) {
            return r.path() + ": " + got.bodyBytes() + " bytes, " + against + " had " + size;
        }
        if (!sha.equals(got.sha256())) {
            return r.path() + ": " + size + " bytes but not the bytes of " + against + " (SHA-256 differs)";
        }
        return null;
    }

    /** The first mismatch of responses to files, in order, or null when all are exact. */
    public String mismatch(List<Resource> files, List<Response> got) {
        for (int i = 0; i < files.size(); i++) {
            String m = mismatch(files.get(i), got.get(i));
            if (m != null) {
                return m;
            }
        }
        return null;
    }

    /** The files' paths, in order. */
    public static List<String> paths(List<Resource> files) {
        return files.stream().map(Resource::path).toList();
    }

    /** How the bytes were judged, for a pass's detail. */
    public String judgedBy() {
        return resources.sized() ? "byte-exact against the files written" : "equal to the first fetch in size and SHA-256";
    }

    @Override
    public void close() throws IOException {
        resources.remove(written);
        written.clear();
        if (linkChanged) {
            linkChanged = false;
            settings.link().restore();
        }
    }
}
