package dev.rill.plugin.httpmjpeg;

import java.io.ByteArrayInputStream;

/** Bytes handed out at most {@code chunk} at a time, as a socket does with a slow sender. */
final class ChunkingInputStream extends ByteArrayInputStream {

    private final int chunk;

    /** @param chunk the most bytes one read returns: at least 1 */
    ChunkingInputStream(byte[] bytes, int offset, int chunk) {
        super(bytes, offset, bytes.length - offset);
        if (chunk < 1) {
            throw new IllegalArgumentException("chunk must be at least 1: " + chunk);
        }
        this.chunk = chunk;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, chunk));
    }
}
