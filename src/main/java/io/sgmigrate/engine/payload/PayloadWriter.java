package io.sgmigrate.engine.payload;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sgmigrate.engine.AppInfo;
import io.sgmigrate.engine.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.operator.jcajce.JcePBEKeyEncryptionMethodGenerator;
import org.bouncycastle.openpgp.operator.jcajce.JcePGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcePublicKeyKeyEncryptionMethodGenerator;

/**
 * Writes a payload as one stream: OpenPGP (AES-256, integrity-protected) around a tar of members cut into
 * fixed-size parts, each part compressed on its own, closed by {@code manifest.json}. A tar header needs each
 * entry's size first and a live dump's size is unknown, so members are cut into parts of at most
 * {@code partSize} bytes: memory stays bounded by one part, and nothing in plain text is written to disk.
 * SHA-256 of the plain bytes is computed per part and per member on the way. Not thread-safe: one member at a time.
 */
public final class PayloadWriter implements AutoCloseable {
    public static final int DEFAULT_PART_SIZE = 8 * 1024 * 1024;
    /** Parts larger than this are refused on both sides (a reader must not be made to inflate without bound). */
    public static final int MAX_PART_SIZE = 256 * 1024 * 1024;
    static final String LITERAL_NAME = "payload.tar";
    /** The plain text a person sees first after {@code gpg --decrypt | tar -x}: how to open the rest without sgmigrate. */
    public static final String README = "README.txt";
    /** A README larger than this is refused on both sides: it is a note, not data. */
    public static final int MAX_README = 64 * 1024;
    static final Pattern MEMBER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,100}(/[A-Za-z0-9][A-Za-z0-9._-]{0,100}){0,3}");
    static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private final OutputStream sink;
    private final OutputStream armor;
    private final OutputStream encrypted;
    private final OutputStream literal;
    private final TarArchiveOutputStream tar;
    private final PartPacker packer;
    private final PGPEncryptedDataGenerator encryptor;
    private final org.bouncycastle.openpgp.PGPSignatureGenerator signature;
    private final PGPLiteralDataGenerator literalGen = new PGPLiteralDataGenerator();
    private final Compression compression;
    private final int partSize;
    private final byte[] part;
    private final List<Manifest.Member> members = new ArrayList<>();
    private final Map<String, String> meta = new LinkedHashMap<>();
    private final LongConsumer progress;
    private long plainBytes;
    private boolean finished;
    private boolean readme;

    /**
     * @param sink where the encrypted bytes go (an SSH channel, a file); closed by {@link #finish()}
     * @param armored ASCII armor ({@code .asc}) instead of binary ({@code .gpg})
     * @param progress told the running count of plain bytes taken in
     */
    public PayloadWriter(OutputStream sink, Protection protection, Compression compression, int partSize, boolean armored,
                         LongConsumer progress) {
        this(sink, List.of(protection), compression, partSize, armored, progress);
    }

    /** A payload that opens with any one of {@code protections} (for example the run's passphrase and support's key). */
    public PayloadWriter(OutputStream sink, List<Protection> protections, Compression compression, int partSize, boolean armored,
                         LongConsumer progress) {
        this(sink, protections, null, compression, partSize, armored, progress);
    }

    /** As above, signed by {@code signer} when it is not null (a one-pass signature around the archive, inside the encryption). */
    public PayloadWriter(OutputStream sink, List<Protection> protections, Signer signer, Compression compression, int partSize, boolean armored,
                         LongConsumer progress) {
        if (protections.isEmpty()) throw new IllegalArgumentException("a payload needs at least one way to open it");
        if (partSize < 1024 || partSize > MAX_PART_SIZE) throw new IllegalArgumentException("part size out of range: " + partSize);
        this.compression = Objects.requireNonNull(compression);
        this.partSize = partSize;
        this.part = new byte[partSize];
        this.packer = compression.packer(partSize);
        this.progress = progress == null ? n -> {} : progress;
        this.sink = sink;
        try {
            armor = armored ? new ArmoredOutputStream(sink) : sink;
            JcePGPDataEncryptorBuilder data = new JcePGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256)
                    .setWithIntegrityPacket(true).setSecureRandom(new SecureRandom());
            // The JDK's AES is about three times faster than Bouncy Castle's own (see dependencies notes).
            data.setProvider("SunJCE");
            encryptor = new PGPEncryptedDataGenerator(data);
            for (Protection protection : protections) {
                if (protection instanceof Protection.Passphrase p) {
                    encryptor.addMethod(new JcePBEKeyEncryptionMethodGenerator(p.secret().chars()).setProvider(BC));
                } else if (protection instanceof Protection.Recipient r) {
                    encryptor.addMethod(new JcePublicKeyKeyEncryptionMethodGenerator(r.key()).setProvider(BC));
                }
            }
            encrypted = encryptor.open(armor, new byte[1 << 16]);
            if (signer != null) {
                signature = signer.generator();
                signature.generateOnePassVersion(false).encode(encrypted);
            } else {
                signature = null;
            }
            OutputStream lit = literalGen.open(encrypted, PGPLiteralData.BINARY, LITERAL_NAME, new Date(), new byte[1 << 16]);
            literal = signature == null ? lit : new java.io.FilterOutputStream(lit) {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    signature.update(b, off, len);
                    out.write(b, off, len);
                }
            };
            tar = new TarArchiveOutputStream(literal, 64 * 1024, StandardCharsets.UTF_8.name());
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        } catch (IOException | PGPException e) {
            throw Problem.of(Problem.Kind.INTERNAL, "payload.write.failed").causedBy(e);
        }
        meta.put("tool", AppInfo.NAME + " " + AppInfo.version());
    }

    /** Free-form, non-secret facts for the manifest (source host, versions). */
    public void meta(String key, String value) {
        meta.put(key, value);
    }

    /**
     * A second destination for a member's bytes as they are stored: each part's plain bytes, or (packed) its
     * compressed bytes, which concatenated decompress with {@link Compression#decompressCommand()}.
     */
    public record Copy(OutputStream out, boolean packed) {}

    /**
     * Stores {@code text} as the archive's first entry, {@value #README}: not cut into parts, not compressed. Only before
     * any member; the OpenPGP integrity packet covers it like everything else.
     */
    public void readme(String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        if (!members.isEmpty() || readme) throw new IllegalStateException("the README comes first, once");
        if (b.length > MAX_README) throw new IllegalArgumentException("README larger than " + MAX_README + " bytes");
        readme = true;
        writeEntry(README, b, b.length);
    }

    /** Reads {@code data} to its end and stores it as member {@code name}, in parts. */
    public Manifest.Member addMember(String name, InputStream data) throws IOException {
        return addMember(name, data, null);
    }

    /** As above, also writing every part to {@code copy} (may be null) right after it is stored. */
    public Manifest.Member addMember(String name, InputStream data, Copy copy) throws IOException {
        checkName(name);
        MessageDigest whole = Hex.sha256();
        List<Manifest.Part> parts = new ArrayList<>();
        long size = 0;
        int index = 0;
        while (true) {
            int n = data.readNBytes(part, 0, partSize);
            if (n == 0 && index > 0) break;
            index++;
            String entry = partEntry(name, index) + compression.partSuffix();
            PartPacker.Packed packed = packer.pack(part, n);
            // The copy first: its consumer (a restore on another host) works on this part while it is hashed and encrypted here.
            if (copy != null) {
                if (copy.packed()) copy.out().write(packed.bytes(), 0, packed.length());
                else copy.out().write(part, 0, n);
            }
            MessageDigest d = Hex.sha256();
            d.update(part, 0, n);
            whole.update(part, 0, n);
            writeEntry(entry, packed.bytes(), packed.length());
            parts.add(new Manifest.Part(entry, n, Hex.of(d.digest())));
            size += n;
            plainBytes += n;
            progress.accept(plainBytes);
            if (n < partSize) break;
        }
        Manifest.Member m = new Manifest.Member(name, size, Hex.of(whole.digest()), List.copyOf(parts));
        members.add(m);
        return m;
    }

    /** The tar entry name of a member's part without its compression suffix: {@code members/NAME/part-000001}. */
    static String partEntry(String member, int index) {
        return String.format("members/%s/part-%06d", member, index);
    }

    /** Writes the manifest, then closes every layer; returns the manifest. */
    public Manifest finish() throws IOException {
        if (finished) throw new IllegalStateException("already finished");
        finished = true;
        Manifest m = new Manifest(Manifest.FORMAT, AppInfo.NAME + " " + AppInfo.version(), Instant.now().toString(),
                compression.name().toLowerCase(java.util.Locale.ROOT), partSize, List.copyOf(members), Map.copyOf(meta));
        byte[] json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(m);
        writeEntry(Manifest.FILE, json, json.length);
        tar.finish();
        closeLayers();
        return m;
    }

    private void writeEntry(String name, byte[] buf, int n) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(n);
        e.setMode(0600);
        e.setModTime(new Date());
        tar.putArchiveEntry(e);
        tar.write(buf, 0, n);
        tar.closeArchiveEntry();
    }

    private void checkName(String name) {
        if (!MEMBER_NAME.matcher(name).matches() || name.contains("..")) {
            throw new IllegalArgumentException("member name not allowed: " + name);
        }
        if (members.stream().anyMatch(m -> m.name().equals(name))) throw new IllegalArgumentException("duplicate member " + name);
    }

    /** Tar and the literal packet close together; then the integrity packet, the armor, the sink. */
    private void closeLayers() throws IOException {
        packer.close();
        try {
            tar.close();
            if (signature != null) {
                try {
                    signature.generate().encode(encrypted);
                } catch (PGPException e) {
                    throw new IOException("the signature could not be made", e);
                }
            }
        } finally {
            try {
                encrypted.close();
                if (armor != sink) armor.close();
            } finally {
                sink.close();
            }
        }
    }

    public long plainBytes() {
        return plainBytes;
    }

    /** Closing without {@link #finish()} leaves an incomplete payload that any reader rejects. */
    @Override
    public void close() throws IOException {
        if (!finished) {
            finished = true;
            closeLayers();
        }
    }
}
