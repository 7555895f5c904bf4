package io.sgmigrate.engine.snapshot;

import io.sgmigrate.engine.Problem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The random key of one comparison. A value fingerprint is HMAC-SHA256 under this key of the value's SHA-256
 * (or of a digest PostgreSQL made), so a snapshot, a report or verification.json cannot be checked against a
 * dictionary of likely secrets without the key. The baseline and the snapshot compared with it share one key,
 * kept owner-only beside the baseline as {@code <snapshot>.fpkey} (64 hex digits).
 */
public final class FingerprintKey {
    public static final String SUFFIX = ".fpkey";
    private static final int BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] key;
    private final String id;

    private FingerprintKey(byte[] key) {
        this.key = key.clone();
        this.id = mac("sgmigrate fingerprint key id").substring(0, 16);
    }

    /** 32 bytes from {@link SecureRandom}. */
    public static FingerprintKey generate() {
        byte[] b = new byte[BYTES];
        new SecureRandom().nextBytes(b);
        return new FingerprintKey(b);
    }

    /** {@code before.json} -> {@code before.json.fpkey}. */
    public static Path fileBeside(Path snapshot) {
        return snapshot.resolveSibling(snapshot.getFileName() + SUFFIX);
    }

    /** The key kept beside {@code snapshot}. */
    public static FingerprintKey load(Path snapshot) {
        Path f = fileBeside(snapshot);
        if (!Files.exists(f)) throw Problem.of(Problem.Kind.INPUT, "snapshot.keyMissing", snapshot, f);
        return read(f);
    }

    /** The key beside {@code snapshot}, or a new one written there when there is none yet. */
    public static FingerprintKey loadOrCreate(Path snapshot) {
        return loadOrCreateFile(fileBeside(snapshot));
    }

    /** Writes this key beside {@code snapshot}, replacing an older one; owner-only from its creation. */
    public void saveBeside(Path snapshot) {
        Path f = fileBeside(snapshot).toAbsolutePath();
        try {
            Path dir = Files.createDirectories(f.getParent());
            Path tmp = Files.createTempFile(dir, f.getFileName().toString(), ".tmp", ownerOnly(dir));
            try {
                writeTo(tmp, EnumSet.of(StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING));
                Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw Problem.of(Problem.Kind.INPUT, "snapshot.keyUnwritable", f).causedBy(e);
        }
    }

    /** Names the key in snapshots, so that fingerprints under different keys are never compared; reveals nothing of it. */
    public String id() {
        return id;
    }

    /** The fingerprint of a value: HMAC of its SHA-256 in hex. */
    public String fingerprint(String value) {
        return ofDigest(sha256(value));
    }

    /**
     * The fingerprint of a value known only by its digest in hex (PostgreSQL's md5, or a format 1 snapshot's
     * SHA-256); null stays null. {@code fingerprint(v)} equals {@code ofDigest(sha256(v))}.
     */
    public String ofDigest(String hexDigest) {
        return hexDigest == null ? null : mac(hexDigest);
    }

    @Override
    public String toString() {
        return "FingerprintKey " + id;
    }

    static String sha256(String s) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private String mac(String text) {
        try {
            Mac m = Mac.getInstance(ALGORITHM);
            m.init(new SecretKeySpec(key, ALGORITHM));
            return HEX.formatHex(m.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** One key per user for callers that do not pass one yet: {@code ~/.sgmigrate/fingerprint.key}. */
    static FingerprintKey userDefault() {
        return UserDefault.KEY;
    }

    private static final class UserDefault {
        static final FingerprintKey KEY = loadOrCreateFile(Path.of(System.getProperty("user.home"), ".sgmigrate", "fingerprint.key"));
    }

    private static FingerprintKey loadOrCreateFile(Path f) {
        if (Files.exists(f)) return read(f);
        FingerprintKey k = generate();
        try {
            Path dir = f.toAbsolutePath().getParent();
            if (!Files.isDirectory(dir)) Files.createDirectories(dir, ownerOnlyDir(dir));
            k.writeTo(f, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly(dir));
            return k;
        } catch (FileAlreadyExistsException e) {
            return read(f);
        } catch (IOException e) {
            throw Problem.of(Problem.Kind.INPUT, "snapshot.keyUnwritable", f).causedBy(e);
        }
    }

    private static FingerprintKey read(Path f) {
        try {
            if (Files.size(f) > 256) throw new IOException("it is not a fingerprint key");
            String text = Files.readString(f, StandardCharsets.US_ASCII).strip();
            if (!text.matches("[0-9a-fA-F]{" + 2 * BYTES + "}")) throw new IOException("it does not hold " + 2 * BYTES + " hex digits");
            return new FingerprintKey(HEX.parseHex(text));
        } catch (IOException e) {
            throw Problem.of(Problem.Kind.INPUT, "snapshot.keyUnreadable", f, String.valueOf(e.getMessage())).causedBy(e);
        }
    }

    private void writeTo(Path f, EnumSet<StandardOpenOption> options, FileAttribute<?>... attrs) throws IOException {
        try (SeekableByteChannel ch = Files.newByteChannel(f, options, attrs)) {
            ByteBuffer b = ByteBuffer.wrap((HEX.formatHex(key) + "\n").getBytes(StandardCharsets.US_ASCII));
            while (b.hasRemaining()) ch.write(b);
            if (ch instanceof java.nio.channels.FileChannel fc) fc.force(true);
        }
    }

    private static boolean posix(Path dir) {
        return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static FileAttribute<?>[] ownerOnly(Path dir) {
        return posix(dir) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
    }

    private static FileAttribute<?>[] ownerOnlyDir(Path dir) {
        return posix(dir) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))}
                : new FileAttribute<?>[0];
    }
}
