package io.sgmigrate.engine.payload;

import com.github.luben.zstd.ZstdInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * How each part of a payload is compressed. Parts are compressed one by one, each into a complete gzip member
 * or zstd frame, so the parts of a member concatenated decompress with {@code gzip -dc} or {@code zstd -dc}
 * alone, and the same compressed bytes can feed both the payload and a restore on the new host.
 */
public enum Compression {
    NONE("", List.of()), GZIP(".gz", List.of("gzip", "-dc")), ZSTD(".zst", List.of("zstd", "-dc"));

    private final String partSuffix;
    private final List<String> decompressCommand;

    Compression(String partSuffix, List<String> decompressCommand) {
        this.partSuffix = partSuffix;
        this.decompressCommand = decompressCommand;
    }

    /** What a part's tar entry name ends with: {@code .gz}, {@code .zst} or nothing. */
    public String partSuffix() {
        return partSuffix;
    }

    /** The standard tool, reading stdin and writing stdout, that turns concatenated parts back into plain bytes; empty for NONE. */
    public List<String> decompressCommand() {
        return decompressCommand;
    }

    /** The shell line that rebuilds member {@code member}'s plain bytes from an unpacked payload, for docs and messages. */
    public String joinCommand(String member) {
        String parts = "members/" + member + "/part-*" + partSuffix;
        return decompressCommand.isEmpty() ? "cat " + parts : "cat " + parts + " | " + String.join(" ", decompressCommand);
    }

    static Compression ofSuffix(String suffix) {
        for (Compression c : values()) if (c.partSuffix.equals(suffix)) return c;
        throw new IllegalArgumentException("no compression ends with " + suffix);
    }

    /** A packer with its own reusable buffers and native context; close it to free them. */
    PartPacker packer(int partSize) {
        return new PartPacker(this, partSize);
    }

    /** {@code plain} as one packed part (small data: a copy is returned). */
    public byte[] packAll(byte[] plain) {
        try (PartPacker p = packer(Math.max(plain.length, 1))) {
            PartPacker.Packed packed = p.pack(plain, plain.length);
            return java.util.Arrays.copyOf(packed.bytes(), packed.length());
        }
    }

    /** Plain bytes of one packed part. */
    InputStream unpack(InputStream part) throws IOException {
        return switch (this) {
            case NONE -> part;
            case GZIP -> new GZIPInputStream(part, 1 << 16);
            case ZSTD -> new ZstdInputStream(part);
        };
    }
}
