package dev.quiver.server.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * A directory for the servers to serve ({@code --www}) and what lies around it: random files of
 * known content, a secret outside, a link leading out, a sub-directory, and a large file to
 * truncate under a response. Also finds this process's descriptors open on its files.
 */
public final class WwwTree {

    /** Size of {@code big.bin}: far more than socket buffers and flow-control windows hold. */
    public static final long BIG = 32L << 20;

    public final Path www;
    /** The content of {@code /data.bin}: 3 MB, random. */
    public final byte[] data;
    /** The content of {@code /small.bin}: 100 bytes, random. */
    public final byte[] small;

    private WwwTree(Path www, byte[] data, byte[] small) {
        this.www = www;
        this.data = data;
        this.small = small;
    }

    public static WwwTree create(Path tmp) throws IOException {
        Path www = Files.createDirectories(tmp.resolve("www"));
        Random random = new Random(42);
        byte[] data = new byte[3_000_000];
        random.nextBytes(data);
        byte[] small = new byte[100];
        random.nextBytes(small);
        Files.write(www.resolve("data.bin"), data);
        Files.write(www.resolve("small.bin"), small);
        Files.createDirectories(www.resolve("sub"));
        Files.writeString(tmp.resolve("secret"), "secret outside the served directory");
        Files.createSymbolicLink(www.resolve("escape"), tmp.resolve("secret"));
        WwwTree tree = new WwwTree(www, data, small);
        tree.fillBig();
        return tree;
    }

    /** Makes {@code big.bin} {@value #BIG} bytes long (again). */
    public void fillBig() throws IOException {
        try (RandomAccessFile big = new RandomAccessFile(www.resolve("big.bin").toFile(), "rw")) {
            big.setLength(BIG); // sparse: instant, and reads as zeros
        }
    }

    /** Cuts {@code big.bin} to nothing, as if it were being replaced under a response. */
    public void truncateBig() throws IOException {
        try (FileChannel f = FileChannel.open(www.resolve("big.bin"), StandardOpenOption.WRITE)) {
            f.truncate(0);
        }
    }

    /** Descriptors of this process (Linux) open on a file of the served directory: its servers' open bodies. */
    public List<String> openFiles() throws IOException {
        Path root = www.toRealPath();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.map(fd -> {
                try {
                    return Files.readSymbolicLink(fd);
                } catch (IOException e) {
                    return null; // closed meanwhile
                }
            }).filter(target -> target != null && target.startsWith(root)).map(Path::toString).toList();
        }
    }

    /** Waits up to 5 s for the servers to close every file of the directory: streams end asynchronously. */
    public void assertAllFilesClosed() throws IOException, InterruptedException {
        assertOpenFiles(0);
    }

    /** Waits up to 5 s for exactly {@code count} files of the directory to be open (requests and closes are asynchronous). */
    public void assertOpenFiles(int count) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        List<String> open = openFiles();
        while (open.size() != count && System.nanoTime() < deadline) {
            Thread.sleep(20);
            open = openFiles();
        }
        assertEquals(count, open.size(), "files of the served directory open: " + open);
    }
}
