package io.sgmigrate.engine.stream;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bounded pipe between two threads: one writes chunks, the other reads them. Unlike
 * {@link java.io.PipedInputStream} it does not care which threads use it, memory stays at most
 * {@code (chunks + 2) x chunkSize}, and a failure on either side reaches the other: {@link #fail} makes the
 * reader throw, and a reader that stops makes the writer throw instead of blocking for ever. Chunk buffers go
 * back to the writer once read: a long stream allocates a handful of buffers, not one per chunk, so the
 * JVM's heap does not grow with the length of the stream.
 */
public final class Pipe {
    private record Chunk(byte[] data, int len) {}

    private static final Chunk EOF = new Chunk(new byte[0], 0);
    private final BlockingQueue<Chunk> queue;
    private final BlockingQueue<byte[]> free;
    private final int chunkSize;
    private final java.util.concurrent.atomic.AtomicInteger allocated = new java.util.concurrent.atomic.AtomicInteger();
    private volatile IOException failure;
    private volatile boolean readerClosed;

    public Pipe(int chunks, int chunkSize) {
        this.queue = new ArrayBlockingQueue<>(chunks);
        this.free = new ArrayBlockingQueue<>(chunks + 2);
        this.chunkSize = chunkSize;
    }

    /** Chunk buffers allocated so far (bounded by chunks + 2 however long the stream). */
    int buffersAllocated() {
        return allocated.get();
    }

    private byte[] buffer() {
        byte[] b = free.poll();
        if (b != null) return b;
        allocated.incrementAndGet();
        return new byte[chunkSize];
    }

    /** Ends the stream with an error the reader will see. */
    public void fail(IOException e) {
        failure = e;
        queue.clear();
        queue.offer(EOF);
    }

    public final OutputStream out = new OutputStream() {
        private byte[] buf;
        private int len;
        private boolean closed;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int n) throws IOException {
            if (closed) throw new IOException("pipe closed");
            while (n > 0) {
                if (buf == null) buf = buffer();
                int k = Math.min(n, chunkSize - len);
                System.arraycopy(b, off, buf, len, k);
                len += k;
                off += k;
                n -= k;
                if (len == chunkSize) flush();
            }
        }

        @Override
        public void flush() throws IOException {
            if (len == 0) return;
            put(new Chunk(buf, len));
            buf = null;
            len = 0;
        }

        @Override
        public void close() throws IOException {
            if (closed) return;
            flush();
            closed = true;
            put(EOF);
        }
    };

    private void put(Chunk chunk) throws IOException {
        try {
            while (!queue.offer(chunk, 200, TimeUnit.MILLISECONDS)) {
                if (readerClosed) throw new IOException("the reading side of the pipe stopped");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing to a pipe");
        }
    }

    public final InputStream in = new InputStream() {
        private Chunk chunk;
        private int pos;
        private boolean eof;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int n) throws IOException {
            if (n == 0) return 0;
            while (chunk == null || pos == chunk.len()) {
                if (eof) return -1;
                if (chunk != null) free.offer(chunk.data());
                chunk = null;
                try {
                    chunk = queue.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while reading from a pipe");
                }
                pos = 0;
                if (chunk == EOF) {
                    eof = true;
                    if (failure != null) throw new IOException("the writing side failed", failure);
                    return -1;
                }
            }
            int k = Math.min(n, chunk.len() - pos);
            System.arraycopy(chunk.data(), pos, b, off, k);
            pos += k;
            return k;
        }

        @Override
        public void close() {
            readerClosed = true;
            queue.clear();
        }
    };
}
