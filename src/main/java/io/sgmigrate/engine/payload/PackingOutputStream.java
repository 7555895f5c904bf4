package io.sgmigrate.engine.payload;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Plain bytes in, {@code compression}'s independent frames out (one per chunk), as the standard tools unpack a
 * concatenation of them ({@code zstd -dc}, {@code gzip -dc}). Aborting gives the inner stream up uncompleted: a
 * frame is never finished for input that must not be trusted.
 */
public final class PackingOutputStream extends OutputStream implements Abortable {
    private static final int CHUNK = 1 << 20;
    private final OutputStream out;
    private final PartPacker packer;
    private final byte[] chunk = new byte[CHUNK];
    private int held;
    private boolean ended;

    public PackingOutputStream(OutputStream out, Compression compression) {
        this.out = out;
        this.packer = compression.packer(CHUNK);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n = Math.min(len, CHUNK - held);
            System.arraycopy(b, off, chunk, held, n);
            held += n;
            off += n;
            len -= n;
            if (held == CHUNK) emit();
        }
    }

    private void emit() throws IOException {
        if (held == 0) return;
        PartPacker.Packed p = packer.pack(chunk, held);
        held = 0;
        out.write(p.bytes(), 0, p.length());
    }

    @Override
    public void close() throws IOException {
        if (ended) return;
        ended = true;
        try {
            emit();
        } finally {
            packer.close();
        }
        out.close();
    }

    @Override
    public void abort() {
        if (ended) return;
        ended = true;
        packer.close();
        if (out instanceof Abortable a) {
            a.abort();
        } else {
            try {
                out.close();
            } catch (IOException ignored) {
                // given up either way
            }
        }
    }
}
