package dev.quiver.server.route;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file of the served directory, read chunk by chunk with positional reads into the channel's
 * pooled buffers: the file is never loaded whole, and the one descriptor it holds is closed with
 * the body. Its length is the file's size when it was opened; a file that shrinks afterwards ends
 * the response with an error rather than a short body, one that grows is sent up to that length.
 */
final class FileBody implements StreamedBody {

    private final FileChannel file;
    private final long length;
    private long position;
    private boolean closed;

    private FileBody(FileChannel file, long length) {
        this.file = file;
        this.length = length;
    }

    /** Opens {@code path}, a real path (links resolved) that is not followed should it have become a link since. */
    static FileBody open(Path path) throws IOException {
        FileChannel file = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        try {
            return new FileBody(file, file.size());
        } catch (RuntimeException e) {
            file.close();
            throw e;
        }
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public long remaining() {
        return length - position;
    }

    @Override
    public ByteBuf next(int max, ByteBufAllocator alloc) throws IOException {
        if (closed) {
            throw new IOException("file body already closed");
        }
        int n = (int) Math.min(length - position, max);
        ByteBuf chunk = alloc.ioBuffer(n);
        try {
            while (chunk.readableBytes() < n) {
                int read = chunk.writeBytes(file, position, n - chunk.readableBytes());
                if (read < 0) {
                    throw new EOFException("the file ended at " + position + " of " + length + " bytes");
                }
                position += read;
            }
            return chunk;
        } catch (IOException | RuntimeException e) {
            chunk.release();
            throw e;
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                file.close();
            } catch (IOException e) {
                // a read-only descriptor: nothing was buffered that closing could lose
            }
        }
    }
}
