package io.sgmigrate.engine.payload;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** How the payload's tar stream is compressed before encryption; each opens with a standard tool. */
public enum Compression {
    NONE("tar", ""), GZIP("tar.gz", "z"), ZSTD("tar.zst", "--zstd ");

    private final String extension;
    private final String tarFlag;

    Compression(String extension, String tarFlag) {
        this.extension = extension;
        this.tarFlag = tarFlag;
    }

    /** File name extension of the decrypted payload, e.g. {@code tar.gz}. */
    public String extension() {
        return extension;
    }

    /** The tar command that lists a decrypted payload, for docs and messages. */
    public String tarListCommand(String file) {
        return switch (this) {
            case NONE -> "tar -tf " + file;
            case GZIP -> "tar -tzf " + file;
            case ZSTD -> "tar --zstd -tf " + file;
        };
    }

    String tarFlag() {
        return tarFlag;
    }

    OutputStream wrap(OutputStream out) throws IOException {
        return switch (this) {
            case NONE -> out;
            // Level 1: compression dominates the cost of the stream; level 6 is 3x slower for ~10% size.
            case GZIP -> new GZIPOutputStream(out, 1 << 16) {
                {
                    def.setLevel(Deflater.BEST_SPEED);
                }
            };
            case ZSTD -> new ZstdOutputStream(out, 3);
        };
    }

    InputStream unwrap(InputStream in) throws IOException {
        return switch (this) {
            case NONE -> in;
            case GZIP -> new GZIPInputStream(in, 1 << 16);
            case ZSTD -> new ZstdInputStream(in);
        };
    }
}
