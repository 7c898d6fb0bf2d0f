package dev.quiver.core.interop;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * As the interop runner does: random files of the case's sizes written into the directory the
 * server serves ({@code --www DIR}), so every download is checked byte-exact against its SHA-256.
 */
final class WwwResources implements Resources {

    private static final int CHUNK = 64 << 10;

    private final Path dir;
    private final InteropSettings settings;
    private final AtomicLong serial = new AtomicLong();
    private final SecureRandom seeds = new SecureRandom();

    WwwResources(Path dir, InteropSettings settings) {
        this.dir = dir;
        this.settings = settings;
    }

    @Override
    public List<Resource> files(String caseId, long... sizes) throws IOException {
        List<Resource> out = new ArrayList<>(sizes.length);
        try {
            for (long size : sizes) {
                String name = "quiver-" + (caseId == null ? "case" : caseId) + "-" + serial.incrementAndGet();
                out.add(new Resource(settings.path("/" + name), size, write(dir.resolve(name), size)));
            }
        } catch (IOException | RuntimeException e) {
            remove(out);
            throw e;
        }
        return out;
    }

    private String write(Path file, long size) throws IOException {
        BodyDigest sha = new BodyDigest();
        SplittableRandom random = new SplittableRandom(seeds.nextLong());
        byte[] chunk = new byte[CHUNK];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; ) {
                int n = (int) Math.min(CHUNK, left);
                random.nextBytes(chunk);
                out.write(chunk, 0, n);
                sha.update(chunk, 0, n);
                left -= n;
            }
        }
        return sha.hex();
    }

    @Override
    public boolean sized() {
        return true;
    }

    @Override
    public void remove(List<Resource> files) {
        for (Resource r : files) {
            String name = r.path().substring(r.path().lastIndexOf('/') + 1);
            try {
                Files.deleteIfExists(dir.resolve(name));
            } catch (IOException e) {
                // a file left in the user's directory harms nothing; the verdict stands
            }
        }
    }
}
