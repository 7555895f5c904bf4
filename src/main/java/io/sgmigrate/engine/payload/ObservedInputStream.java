package io.sgmigrate.engine.payload;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A stream that is shown every byte it passes on, skipped ones too (a skip reads through), and its end. */
abstract class ObservedInputStream extends FilterInputStream {
    private final byte[] one = new byte[1];
    private byte[] skipped;

    ObservedInputStream(InputStream in) {
        super(in);
    }

    /** Bytes {@code b[off..off+n)} were just read. */
    abstract void seen(byte[] b, int off, int n) throws IOException;

    /** The source said it has no more bytes. */
    void ended() {}

    @Override
    public int read() throws IOException {
        int n;
        while ((n = read(one, 0, 1)) == 0) {
            // a source may return nothing for a while; one byte is still due
        }
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) seen(b, off, n);
        else if (n < 0) ended();
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        if (skipped == null) skipped = new byte[8192];
        long done = 0;
        while (done < n) {
            int r = read(skipped, 0, (int) Math.min(skipped.length, n - done));
            if (r < 0) break;
            done += r;
        }
        return done;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int limit) {}

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }
}
