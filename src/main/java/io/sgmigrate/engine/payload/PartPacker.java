package io.sgmigrate.engine.payload;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Compresses one part at a time into a complete gzip member or zstd frame (both level 1), reusing its
 * buffer and native context. The result is valid until the next {@link #pack}. Not thread-safe.
 */
final class PartPacker implements AutoCloseable {
    /** Level 1: deflate dominates the cost of the stream; level 6 is three times slower for about 10 % smaller. */
    private static final int GZIP_LEVEL = Deflater.BEST_SPEED;
    /**
     * Level 1, as the old host's {@code zstd -1}: on dump text about twice as fast as level 3 for a few per cent more bytes (on
     * the bench's rows it was even smaller); this compression runs on the migration's critical path (docs/benchmarks.md).
     */
    private static final int ZSTD_LEVEL = 1;
    private static final byte[] GZIP_HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 4, (byte) 255};

    /** Packed bytes: {@code bytes[0, length)}. */
    record Packed(byte[] bytes, int length) {}

    private final Compression compression;
    private byte[] out;
    private ZstdCompressCtx zstd;
    private Deflater deflater;
    private final CRC32 crc = new CRC32();

    PartPacker(Compression compression, int partSize) {
        this.compression = compression;
        switch (compression) {
            case NONE -> out = null;
            case ZSTD -> {
                zstd = new ZstdCompressCtx().setLevel(ZSTD_LEVEL).setContentSize(true);
                out = new byte[(int) Zstd.compressBound(partSize)];
            }
            case GZIP -> {
                deflater = new Deflater(GZIP_LEVEL, true);
                out = new byte[partSize + partSize / 16 + 64];
            }
        }
    }

    Packed pack(byte[] src, int n) {
        return switch (compression) {
            case NONE -> new Packed(src, n);
            case ZSTD -> {
                if (out.length < Zstd.compressBound(n)) out = new byte[(int) Zstd.compressBound(n)];
                yield new Packed(out, zstd.compressByteArray(out, 0, out.length, src, 0, n));
            }
            case GZIP -> gzip(src, n);
        };
    }

    private Packed gzip(byte[] src, int n) {
        System.arraycopy(GZIP_HEADER, 0, out, 0, GZIP_HEADER.length);
        int pos = GZIP_HEADER.length;
        deflater.reset();
        deflater.setInput(src, 0, n);
        deflater.finish();
        while (!deflater.finished()) {
            if (pos == out.length - 8) out = Arrays.copyOf(out, out.length * 2);
            pos += deflater.deflate(out, pos, out.length - 8 - pos);
        }
        crc.reset();
        crc.update(src, 0, n);
        pos = littleEndian(out, pos, (int) crc.getValue());
        pos = littleEndian(out, pos, n);
        return new Packed(out, pos);
    }

    private static int littleEndian(byte[] b, int at, int v) {
        for (int i = 0; i < 4; i++) b[at + i] = (byte) (v >>> (8 * i));
        return at + 4;
    }

    @Override
    public void close() {
        if (zstd != null) zstd.close();
        if (deflater != null) deflater.end();
    }
}
