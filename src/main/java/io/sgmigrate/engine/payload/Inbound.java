package io.sgmigrate.engine.payload;

import com.github.luben.zstd.ZstdInputStream;
import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.secret.Secret;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPEncryptedData;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPMarker;
import org.bouncycastle.openpgp.PGPOnePassSignature;
import org.bouncycastle.openpgp.PGPOnePassSignatureList;
import org.bouncycastle.openpgp.PGPPBEEncryptedData;
import org.bouncycastle.openpgp.PGPPadding;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyEncryptedData;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.jcajce.JcaPGPObjectFactory;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentVerifierBuilderProvider;
import org.bouncycastle.openpgp.operator.jcajce.JcePBESecretKeyDecryptorBuilder;

/**
 * A customer's file, whatever it is, read as one stream of tar entries without writing any plain byte to disk: an
 * OpenPGP message (armored or binary; encrypted to keys or a passphrase, or only signed; compressed by OpenPGP or not)
 * holding a tar, a tar.gz or a tar.zst, or such an archive unencrypted. {@link #open} finds out which and decrypts up to
 * the first tar header; {@link #entries} streams every regular file once and then checks the rest: integrity (MDC),
 * signatures, nothing trailing. Entry bytes are unproven until {@link #entries} returns. Not thread-safe.
 */
public final class Inbound implements Closeable {
    private static final int BUFFER = 1 << 16;
    private static final int MAX_SHOWN_NAME = 200;

    public enum Kind { OPENPGP_ARMORED, OPENPGP_BINARY, PLAIN_ARCHIVE }

    /** Who can open the file; NONE for a plain archive or a message that is only signed. */
    public enum Encryption { NONE, PUBLIC_KEYS, PASSPHRASE, PUBLIC_KEYS_OR_PASSPHRASE }

    /** What the archive is, found by its magic bytes. */
    public enum Archive { TAR, TAR_GZIP, TAR_ZSTD }

    /** Who signed the file, as far as its signatures prove it. */
    public sealed interface Signature {
        Signature UNSIGNED = new Unsigned();

        record Unsigned() implements Signature {}

        /** A good signature by a known key: its primary key's fingerprint and first user ID. */
        record SignedKnown(String fingerprint, String userId) implements Signature {}

        /** Signed by a key that is not among the known signers, so the signature could not be checked. */
        record SignedUnknown(String keyId) implements Signature {}

        /** A signature that does not match the file; {@link #entries} refuses it, so no verdict carries one. */
        record Bad(String keyId) implements Signature {}
    }

    /** A regular file of the archive, as it was streamed. */
    public record Entry(String name, long size, String sha256) {}

    /** What the file was and what was proven of it, once all of it was read. */
    public record Verdict(Kind kind, Encryption encryption, List<String> recipients, String literalName, Archive archive,
                          Signature signature, String fileSha256, long fileSize, List<Entry> entries) {
        /** Nobody but the sender could have read it: false for a plain archive or a message that is only signed. */
        public boolean unencrypted() {
            return encryption == Encryption.NONE;
        }
    }

    /**
     * Given each regular file once, in archive order. {@code data} holds exactly that entry's bytes; read all, part or
     * none of it: the rest is skipped. An error of the file itself reaches the visitor as a {@link Problem}.
     */
    @FunctionalInterface
    public interface EntryVisitor {
        void visit(String name, long size, InputStream data) throws IOException;
    }

    /** How far reading got: it decides what an error means. */
    private enum Stage { START, OUTER, DECRYPTED, CLEAR, PLAIN, TRAILER, DONE }

    private final Path file;
    private final InboundKeys keys;
    private final List<Closeable> closeables = new ArrayList<>();
    private Stage stage = Stage.START;
    private Problem failure;

    private RawFile raw;
    private BufferedInputStream buffered;
    private PacketFraming framing;
    private final List<JcaPGPObjectFactory> layers = new ArrayList<>();
    private PGPEncryptedData encrypted;
    private InputStream clear;
    private final Signatures signatures = new Signatures();
    private BufferedInputStream packed;
    private BufferedInputStream unpacked;
    private Counting tarBytes;
    private ReaderSupport.HeaderBudget budget;
    private TarArchiveInputStream tar;
    private TarArchiveEntry pending;
    private boolean streamed;

    private Kind kind;
    private Encryption encryption = Encryption.NONE;
    private final List<String> recipients = new ArrayList<>();
    private String literalName;
    private Archive archive;
    private boolean sgmigratePayload;

    private final LongConsumer bytesRead;

    private Inbound(Path file, InboundKeys keys, LongConsumer bytesRead) {
        this.file = file;
        this.keys = keys == null ? InboundKeys.none() : keys;
        this.bytesRead = bytesRead == null ? n -> {} : bytesRead;
    }

    /**
     * Opens {@code file} and reads up to its first tar header: a wrong key or passphrase, a file that is neither
     * OpenPGP nor an archive, or a pinned signer that did not sign it are refused here.
     */
    public static Inbound open(Path file, InboundKeys keys) {
        return open(file, keys, null);
    }

    /** As {@link #open(Path, InboundKeys)}, telling {@code bytesRead} how many bytes of the file were read so far. */
    public static Inbound open(Path file, InboundKeys keys, LongConsumer bytesRead) {
        Inbound in = new Inbound(file, keys, bytesRead);
        try {
            in.guarded(() -> {
                in.start();
                return null;
            });
            in.refuseUnpinned();
            return in;
        } catch (RuntimeException | Error e) {
            in.close();
            throw e;
        }
    }

    public Kind kind() {
        return kind;
    }

    public Encryption encryption() {
        return encryption;
    }

    /** The key IDs (16 hex digits) the message is encrypted to; empty when it is not encrypted to keys. */
    public List<String> recipients() {
        return List.copyOf(recipients);
    }

    /** The file name recorded in the OpenPGP literal data, shown safely; null for a plain archive. */
    public String literalName() {
        return literalName == null ? null : shown(literalName);
    }

    public Archive archive() {
        return archive;
    }

    /** The caller shows this loudly: anybody could have read the file on its way. */
    public boolean unencrypted() {
        return encryption == Encryption.NONE;
    }

    /** sgmigrate's own payload ({@code payload.tar} holding {@code members/...}): read it with {@link PayloadReader}. */
    public boolean sgmigratePayload() {
        return sgmigratePayload;
    }

    /**
     * Streams every regular file once to {@code visitor}, then checks integrity, signatures and that nothing follows.
     * Directories are skipped; links, devices, absolute or {@code ..} names and repeated names are refused before any
     * byte of them is used. Errors of the file are {@link Problem}s; the visitor's own exceptions pass unchanged.
     */
    public Verdict entries(EntryVisitor visitor) throws IOException {
        if (streamed) throw new IllegalStateException("entries are streamed once");
        streamed = true;
        List<Entry> seen = new ArrayList<>();
        Set<String> names = new HashSet<>();
        byte[] buf = new byte[BUFFER];
        for (TarArchiveEntry e = pending; e != null; e = guarded(this::nextHeader)) {
            pending = null;
            String name = checkedName(e, names);
            if (name == null) continue;
            EntryBytes data = new EntryBytes(tar);
            try {
                visitor.visit(name, e.getSize(), data);
            } catch (IOException | RuntimeException | Error x) {
                if (data.failure == null) throw x;
                if (x != data.failure) data.failure.addSuppressed(x);
                throw data.failure;
            }
            if (data.failure != null) throw data.failure;
            while (data.read(buf, 0, buf.length) != -1) {
                // the rest of the entry: hashed, then skipped
            }
            if (data.count != e.getSize()) throw fail(Problem.of(Problem.Kind.INPUT, "inbound.cutShort", file));
            seen.add(new Entry(name, data.count, HexFormat.of().formatHex(data.digest.digest())));
        }
        Signature signature = guarded(this::finish);
        return new Verdict(kind, encryption, List.copyOf(recipients), literalName(), archive, signature,
                HexFormat.of().formatHex(raw.digest.digest()), raw.count, List.copyOf(seen));
    }

    @Override
    public void close() {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (IOException | RuntimeException ignored) {
                // nothing is written: closing only frees
            }
        }
        closeables.clear();
    }

    // ---- opening

    private void start() throws IOException, PGPException {
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (IOException e) {
            throw Problem.of(Problem.Kind.INPUT, "inbound.unreadable", file).causedBy(e);
        }
        raw = new RawFile(in, bytesRead);
        closeables.add(raw);
        buffered = new BufferedInputStream(raw, BUFFER);
        byte[] head = peek(buffered, 1024);
        if (isTar(head) || isGzip(head) || isZstd(head)) {
            kind = Kind.PLAIN_ARCHIVE;
            stage = Stage.PLAIN;
            openArchive(buffered, file.getFileName().toString());
            return;
        }
        if (ArmorDecoder.starts(head)) {
            kind = Kind.OPENPGP_ARMORED;
            framing = new PacketFraming(new ArmorDecoder(buffered));
        } else if (isPacket(head)) {
            kind = Kind.OPENPGP_BINARY;
            framing = new PacketFraming(buffered);
        } else {
            throw Problem.of(Problem.Kind.INPUT, "inbound.unrecognized", file);
        }
        JcaPGPObjectFactory f = layer(framing);
        Object o = next(f);
        stage = Stage.OUTER;
        if (o instanceof PGPEncryptedDataList list) {
            decrypt(list);
            stage = Stage.DECRYPTED;
            f = layer(clear);
            o = next(f);
        }
        if (o instanceof PGPCompressedData c) {
            if (stage == Stage.OUTER) stage = Stage.CLEAR;
            f = layer(c.getDataStream());
            o = next(f);
        }
        if (stage == Stage.OUTER) stage = Stage.CLEAR;
        if (o instanceof PGPOnePassSignatureList ops) {
            signatures.onePass(ops);
            o = next(f);
        } else if (o instanceof PGPSignatureList sigs) {
            signatures.before(sigs);
            o = next(f);
        }
        if (o == null) throw new EOFException("the message ends before its data");
        if (!(o instanceof PGPLiteralData literal)) throw Problem.of(Problem.Kind.INPUT, "inbound.damaged", file);
        literalName = literal.getFileName();
        openArchive(signatures.watch(literal.getInputStream()), shown(literalName.isEmpty() ? file.getFileName().toString() : literalName));
        sgmigratePayload = PayloadWriter.LITERAL_NAME.equals(literalName) && archive == Archive.TAR && pending != null
                && (pending.getName().startsWith("members/") || pending.getName().equals(Manifest.FILE) || pending.getName().equals(PayloadWriter.README));
    }

    private JcaPGPObjectFactory layer(InputStream in) {
        JcaPGPObjectFactory f = new JcaPGPObjectFactory(in);
        layers.add(f);
        return f;
    }

    private static Object next(JcaPGPObjectFactory f) throws IOException {
        Object o;
        do {
            o = f.nextObject();
        } while (o instanceof PGPMarker || o instanceof PGPPadding);
        return o;
    }

    private void decrypt(PGPEncryptedDataList list) throws PGPException {
        boolean toPassphrase = false;
        for (PGPEncryptedData d : list) {
            if (d instanceof PGPPublicKeyEncryptedData pk) recipients.add(keyId(pk.getKeyID()));
            if (d instanceof PGPPBEEncryptedData) toPassphrase = true;
        }
        encryption = recipients.isEmpty() ? Encryption.PASSPHRASE : toPassphrase ? Encryption.PUBLIC_KEYS_OR_PASSPHRASE : Encryption.PUBLIC_KEYS;
        if (!list.isIntegrityProtected()) throw Problem.of(Problem.Kind.INPUT, "inbound.notProtected", file);
        ReaderSupport.Attempts attempts = new ReaderSupport.Attempts();
        if (keys.passphrase() != null) {
            for (Iterator<PGPEncryptedData> it = list.iterator(); it.hasNext() && clear == null; ) {
                if (it.next() instanceof PGPPBEEncryptedData pbe) {
                    clear = ReaderSupport.tryPassphrase(pbe, keys.passphrase().chars(), attempts);
                    if (clear != null) encrypted = pbe;
                }
            }
        }
        PGPSecretKey stub = null;
        Secret asked = null;
        for (Iterator<PGPEncryptedData> it = list.iterator(); it.hasNext() && clear == null; ) {
            if (!(it.next() instanceof PGPPublicKeyEncryptedData pk)) continue;
            PGPSecretKey sk = keys.secretKey(pk.getKeyID());
            if (sk == null) continue;
            if (sk.isPrivateKeyEmpty()) {
                stub = sk;
                continue;
            }
            if (sk.getS2KUsage() != 0 && asked == null) {
                asked = keys.keyPassphrase() == null ? null : keys.keyPassphrase().get();
                if (asked == null) throw Problem.of(Problem.Kind.AUTHENTICATION, "inbound.keyPassphrase", keyId(sk.getKeyID()));
            }
            PGPPrivateKey priv;
            try {
                priv = sk.extractPrivateKey(sk.getS2KUsage() == 0 ? null
                        : new JcePBESecretKeyDecryptorBuilder(ReaderSupport.digests()).setProvider(PayloadWriter.BC).build(asked.chars()));
            } catch (PGPException | RuntimeException wrongKeyPassphrase) {
                throw Problem.of(Problem.Kind.AUTHENTICATION, "inbound.keyPassphrase", keyId(sk.getKeyID()));
            }
            // A failure here is of the file (cut short or damaged), not of the key: the caller of this step tells which.
            clear = ReaderSupport.dataStream(pk, priv);
            encrypted = pk;
        }
        if (clear != null) {
            closeables.add(clear);
            return;
        }
        if (attempts.unsupported != null && !attempts.mismatch) {
            throw Problem.of(Problem.Kind.INPUT, "inbound.unsupported", file).causedBy(attempts.unsupported);
        }
        if (toPassphrase && keys.passphrase() != null) throw Problem.of(Problem.Kind.AUTHENTICATION, "inbound.wrongPassphrase", file);
        if (stub != null) throw Problem.of(Problem.Kind.AUTHENTICATION, "inbound.keyStub", keyId(stub.getKeyID()));
        if (!recipients.isEmpty()) {
            List<String> given = keys.secretKeyIds();
            if (keys.keyring() != null && given.isEmpty()) throw Problem.of(Problem.Kind.AUTHENTICATION, "gnupg.noKey", String.join(", ", recipients), keys.keyring().shown());
            if (given.isEmpty()) throw Problem.of(Problem.Kind.AUTHENTICATION, "inbound.noKeyGiven", String.join(", ", recipients));
            throw Problem.of(Problem.Kind.AUTHENTICATION, "inbound.noKey", String.join(", ", recipients), String.join(", ", given));
        }
        throw Problem.of(Problem.Kind.AUTHENTICATION, "inbound.passphraseNeeded", file);
    }

    /** Finds the archive's compression by its magic bytes, checks that a tar is inside, and reads the first header. */
    private void openArchive(InputStream in, String shownName) throws IOException {
        packed = new BufferedInputStream(in, BUFFER);
        byte[] head = peek(packed, 4);
        InputStream plain;
        if (isGzip(head)) {
            archive = Archive.TAR_GZIP;
            plain = new GzipCompressorInputStream(packed, true);
        } else if (isZstd(head)) {
            archive = Archive.TAR_ZSTD;
            plain = new ZstdInputStream(packed);
        } else {
            archive = Archive.TAR;
            plain = packed;
        }
        closeables.add(plain);
        unpacked = new BufferedInputStream(plain, BUFFER);
        byte[] first = peek(unpacked, 512);
        if (!isTar(first) && !(first.length == 512 && allZeros(first))) throw Problem.of(Problem.Kind.INPUT, "inbound.notTar", shownName);
        tarBytes = new Counting(unpacked);
        budget = new ReaderSupport.HeaderBudget(tarBytes, max -> Problem.of(Problem.Kind.INPUT, "inbound.bigHeader", max));
        // Blocks of one record: the tar reader stops right after the end-of-archive records, and the rest is checked after.
        tar = new TarArchiveInputStream(budget, 512, "UTF-8");
        pending = nextHeader();
    }

    /** The next entry's header, or null after the end-of-archive record; an archive that just stops is cut short. */
    private TarArchiveEntry nextHeader() throws IOException {
        long headerAt = (tarBytes.count + 511) / 512 * 512;
        TarArchiveEntry e = budget.nextEntry(tar);
        if (e == null && tarBytes.count - headerAt < 512) throw Problem.of(Problem.Kind.INPUT, "inbound.cutShort", file);
        return e;
    }

    private void refuseUnpinned() {
        if (keys.pinnedSigner() == null) return;
        String pinned = fingerprint(keys.pinnedSigner().getPublicKey());
        if (signatures.ids.isEmpty()) throw fail(Problem.of(Problem.Kind.AUTHENTICATION, "inbound.signer.missing", pinned));
        if (signatures.ids.stream().noneMatch(id -> keys.pinnedSigner().getPublicKey(id) != null)) {
            throw fail(Problem.of(Problem.Kind.AUTHENTICATION, "inbound.signer.other", pinned,
                    String.join(", ", signatures.ids.stream().map(Inbound::keyId).toList())));
        }
    }

    // ---- the end

    /** After the last entry: only zero padding, the whole message, its integrity, nothing after it; then the signatures. */
    private Signature finish() throws IOException, PGPException {
        if (!ReaderSupport.onlyZeros(unpacked) || packed.read() != -1) throw Problem.of(Problem.Kind.INPUT, "inbound.trailing", file);
        if (kind != Kind.PLAIN_ARCHIVE) {
            JcaPGPObjectFactory innermost = layers.get(layers.size() - 1);
            Object o = next(innermost);
            if (!signatures.onePassIds.isEmpty()) {
                if (o == null) throw new EOFException("the message ends before its signatures");
                if (!(o instanceof PGPSignatureList after)) throw Problem.of(Problem.Kind.INPUT, "inbound.damaged", file);
                signatures.after(after);
                o = next(innermost);
            }
            if (o != null) throw Problem.of(Problem.Kind.INPUT, "inbound.damaged", file);
            for (int i = layers.size() - 2; i >= 1; i--) {
                if (next(layers.get(i)) != null) throw Problem.of(Problem.Kind.INPUT, "inbound.damaged", file);
            }
            if (encrypted != null && !encrypted.verify()) throw Problem.of(Problem.Kind.INPUT, "inbound.tampered", file);
            stage = Stage.TRAILER;
            if (layers.size() > 1 && next(layers.get(0)) != null) throw Problem.of(Problem.Kind.INPUT, "inbound.trailing", file);
            if (kind == Kind.OPENPGP_ARMORED && !ReaderSupport.onlyWhitespace(buffered)) {
                throw Problem.of(Problem.Kind.INPUT, "inbound.trailing", file);
            }
            // The armor reader accepts a file whose end line is cut off; the data is whole then, the copy is not.
            if (kind == Kind.OPENPGP_ARMORED && !raw.tail().strip().endsWith(ArmorDecoder.END)) throw Problem.of(Problem.Kind.INPUT, "inbound.cutShort", file);
        }
        stage = Stage.TRAILER;
        if (buffered.read() != -1) throw Problem.of(Problem.Kind.INPUT, "inbound.trailing", file);
        stage = Stage.DONE;
        return signatures.verdict();
    }

    // ---- what an error means

    private interface Step<T> {
        T run() throws IOException, PGPException;
    }

    /** Runs a step of reading the file; whatever goes wrong in it becomes the Problem it means. */
    private <T> T guarded(Step<T> step) {
        if (failure != null) throw failure;
        try {
            return step.run();
        } catch (IOException | PGPException | RuntimeException e) {
            throw fail(explain(e));
        }
    }

    private Problem fail(Problem p) {
        if (failure == null) failure = p;
        return failure;
    }

    /**
     * Inside an encrypted message a flipped byte shows as anything (a zlib error, a garbage packet, a bad tar header):
     * the integrity check decides whether the file was changed; only a file that ends inside a packet is cut short.
     */
    private Problem explain(Exception e) {
        if (failure != null) return failure;
        boolean endedInside = framing != null && framing.endedInsidePacket() && raw.ended;
        boolean endedEarly = raw != null && raw.ended && ReaderSupport.eofLike(e);
        return switch (stage) {
            // An armor whose first line was right is OpenPGP: what breaks after it is damage.
            case START -> e instanceof Problem p ? p : endedInside ? cutShort(e)
                    : kind == Kind.OPENPGP_ARMORED ? damaged(e) : Problem.of(Problem.Kind.INPUT, "inbound.unrecognized", file).causedBy(e);
            case OUTER -> e instanceof Problem p ? p : endedInside ? cutShort(e) : damaged(e);
            case DECRYPTED -> endedInside ? cutShort(e) : integrityFails() ? Problem.of(Problem.Kind.INPUT, "inbound.tampered", file).causedBy(e)
                    : e instanceof Problem p ? p : ReaderSupport.eofLike(e) ? cutShort(e) : damaged(e);
            case CLEAR, PLAIN -> e instanceof Problem p ? p : endedInside || endedEarly ? cutShort(e) : damaged(e);
            case TRAILER, DONE -> e instanceof Problem p ? p : e instanceof ArmorDecoder.Damage ? damaged(e)
                    : Problem.of(Problem.Kind.INPUT, "inbound.trailing", file).causedBy(e);
        };
    }

    private Problem cutShort(Exception e) {
        return Problem.of(Problem.Kind.INPUT, "inbound.cutShort", file).causedBy(e);
    }

    private Problem damaged(Exception e) {
        return Problem.of(Problem.Kind.INPUT, "inbound.damaged", file).causedBy(e);
    }

    /** Reads the rest of the decrypted data and checks its integrity packet: true when it does not match. */
    private boolean integrityFails() {
        try {
            byte[] buf = new byte[BUFFER];
            while (clear.read(buf) != -1) {
                // to the integrity packet
            }
            return !encrypted.verify();
        } catch (IOException | PGPException | RuntimeException e) {
            return true;
        }
    }

    // ---- entries

    /** The entry's name without {@code ./}, or null for a directory; a hostile entry is refused here. */
    private String checkedName(TarArchiveEntry e, Set<String> names) {
        String name = e.getName();
        String[] parts = name.split("[/\\\\]", -1);
        if (name.startsWith("/") || name.startsWith("\\") || name.matches("^[A-Za-z]:[/\\\\].*")) {
            throw hostile("inbound.hostile.absolute", name);
        }
        for (String p : parts) if (p.equals("..")) throw hostile("inbound.hostile.parent", name);
        byte type = e.getLinkFlag();
        boolean plainType = type == TarArchiveEntry.LF_NORMAL || type == TarArchiveEntry.LF_OLDNORM;
        if (type == TarArchiveEntry.LF_DIR || plainType && name.endsWith("/")) return null;
        if (e.isSymbolicLink() || e.isLink()) throw hostile("inbound.hostile.link", name, shown(e.getLinkName()));
        if (!ReaderSupport.regular(e)) throw hostile("inbound.hostile.type", name, shown(String.valueOf((char) type)));
        StringBuilder normal = new StringBuilder();
        for (String p : name.split("/")) {
            if (p.isEmpty() || p.equals(".")) continue;
            if (normal.length() > 0) normal.append('/');
            normal.append(p);
        }
        if (normal.length() == 0) throw hostile("inbound.hostile.name", name);
        String n = normal.toString();
        if (!names.add(n)) throw hostile("inbound.hostile.repeated", name);
        return n;
    }

    private Problem hostile(String key, String name, Object... more) {
        Object[] args = new Object[more.length + 1];
        args[0] = shown(name);
        System.arraycopy(more, 0, args, 1, more.length);
        Problem p = Problem.of(Problem.Kind.INPUT, key, args);
        // Inside an encrypted message, garbage from a changed byte may look hostile: the integrity check tells.
        return stage == Stage.DECRYPTED ? fail(explain(p)) : fail(p);
    }

    /** One entry's bytes, hashed as they pass; an error of the file is turned into its Problem here. */
    private final class EntryBytes extends InputStream {
        private final InputStream in;
        final MessageDigest digest = Hex.sha256();
        long count;
        Problem failure;

        EntryBytes(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n <= 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (failure != null) throw failure;
            int n;
            try {
                n = in.read(b, off, len);
            } catch (IOException | RuntimeException e) {
                failure = fail(explain(e));
                throw failure;
            }
            if (n > 0) {
                digest.update(b, off, n);
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) {
            byte[] buf = new byte[(int) Math.min(BUFFER, Math.max(n, 1))];
            long done = 0;
            while (done < n) {
                int r = read(buf, 0, (int) Math.min(buf.length, n - done));
                if (r < 0) break;
                done += r;
            }
            return done;
        }

        @Override
        public int available() throws IOException {
            return failure != null ? 0 : in.available();
        }

        @Override
        public void close() {
            // the archive goes on to the next entry
        }
    }

    // ---- signatures

    /** The signatures of the message: one-pass ones (before the data, checked after it) or old-style ones before it. */
    private final class Signatures {
        final List<Long> ids = new ArrayList<>();
        final List<Long> onePassIds = new ArrayList<>();
        final List<PGPOnePassSignature> onePass = new ArrayList<>();
        final List<PGPSignature> before = new ArrayList<>();
        PGPSignatureList after;

        void onePass(PGPOnePassSignatureList list) throws PGPException {
            for (PGPOnePassSignature ops : list) {
                ids.add(ops.getKeyID());
                onePassIds.add(ops.getKeyID());
                PGPPublicKey key = keys.signers().getPublicKey(ops.getKeyID());
                if (key == null) continue;
                ops.init(new JcaPGPContentVerifierBuilderProvider().setProvider(PayloadWriter.BC), key);
                onePass.add(ops);
            }
        }

        void before(PGPSignatureList list) throws PGPException {
            for (PGPSignature sig : list) {
                ids.add(sig.getKeyID());
                PGPPublicKey key = keys.signers().getPublicKey(sig.getKeyID());
                if (key == null) continue;
                sig.init(new JcaPGPContentVerifierBuilderProvider().setProvider(PayloadWriter.BC), key);
                before.add(sig);
            }
        }

        void after(PGPSignatureList list) {
            after = list;
        }

        InputStream watch(InputStream literal) {
            if (onePass.isEmpty() && before.isEmpty()) return literal;
            return new ObservedInputStream(literal) {
                @Override
                void seen(byte[] b, int off, int n) {
                    for (PGPOnePassSignature ops : onePass) ops.update(b, off, n);
                    for (PGPSignature sig : before) sig.update(b, off, n);
                }
            };
        }

        /** Good and known, else unknown, else unsigned; a bad signature is refused, as is any but the pinned signer's. */
        Signature verdict() {
            List<PGPPublicKeyRing> good = new ArrayList<>();
            for (PGPOnePassSignature ops : onePass) {
                PGPSignature sig = matching(ops.getKeyID());
                if (sig == null || !verifies(() -> ops.verify(sig))) throw bad(ops.getKeyID());
                good.add(keys.signers().getPublicKeyRing(ops.getKeyID()));
            }
            for (PGPSignature sig : before) {
                if (!verifies(sig::verify)) throw bad(sig.getKeyID());
                good.add(keys.signers().getPublicKeyRing(sig.getKeyID()));
            }
            PGPPublicKeyRing pinned = keys.pinnedSigner();
            if (pinned != null) {
                String fpr = fingerprint(pinned.getPublicKey());
                PGPPublicKeyRing match = good.stream().filter(r -> fingerprint(r.getPublicKey()).equals(fpr)).findFirst().orElse(null);
                if (match == null) throw fail(Problem.of(Problem.Kind.AUTHENTICATION, "inbound.signer.other", fpr,
                        String.join(", ", ids.stream().map(Inbound::keyId).toList())));
                return known(match);
            }
            if (!good.isEmpty()) return known(good.get(0));
            return ids.isEmpty() ? Signature.UNSIGNED : new Signature.SignedUnknown(keyId(ids.get(0)));
        }

        private PGPSignature matching(long keyId) {
            for (PGPSignature s : after) if (s.getKeyID() == keyId) return s;
            return null;
        }

        private Signature known(PGPPublicKeyRing ring) {
            PGPPublicKey primary = ring.getPublicKey();
            Iterator<String> uids = primary.getUserIDs();
            return new Signature.SignedKnown(fingerprint(primary), uids.hasNext() ? shown(uids.next()) : "");
        }

        private Problem bad(long keyId) {
            return fail(Problem.of(Problem.Kind.INPUT, "inbound.badSignature", keyId(keyId)));
        }
    }

    private interface Check {
        boolean run() throws PGPException;
    }

    private static boolean verifies(Check c) {
        try {
            return c.run();
        } catch (PGPException | RuntimeException e) {
            return false;
        }
    }

    // ---- small things

    static String keyId(long id) {
        return String.format("%016X", id);
    }

    static String fingerprint(PGPPublicKey key) {
        return HexFormat.of().withUpperCase().formatHex(key.getFingerprint());
    }

    /** A name from the file, safe to show: no control or direction characters, not endless. */
    public static String shown(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(MAX_SHOWN_NAME).forEach(c -> {
            boolean hidden = Character.isISOControl(c) || Character.getType(c) == Character.FORMAT;
            b.appendCodePoint(hidden ? '?' : c);
        });
        if (s.codePointCount(0, s.length()) > MAX_SHOWN_NAME) b.append('…');
        return b.toString();
    }

    private static byte[] peek(BufferedInputStream in, int n) throws IOException {
        in.mark(n);
        byte[] head = in.readNBytes(n);
        in.reset();
        return head;
    }

    private static boolean isTar(byte[] head) {
        return head.length >= 262 && new String(head, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
    }

    private static boolean isGzip(byte[] h) {
        return h.length >= 2 && (h[0] & 0xff) == 0x1f && (h[1] & 0xff) == 0x8b;
    }

    private static boolean isZstd(byte[] h) {
        return h.length >= 4 && (h[0] & 0xff) == 0x28 && (h[1] & 0xff) == 0xb5 && (h[2] & 0xff) == 0x2f && (h[3] & 0xff) == 0xfd;
    }

    /** A packet that can start a message: key-encrypted session keys, a signature, compressed or literal data, a marker. */
    private static boolean isPacket(byte[] head) {
        if (head.length == 0 || (head[0] & 0x80) == 0) return false;
        int b = head[0] & 0xff;
        int tag = (b & 0x40) != 0 ? b & 0x3f : (b >> 2) & 0x0f;
        return Set.of(1, 2, 3, 4, 8, 10, 11).contains(tag);
    }

    private static boolean allZeros(byte[] b) {
        for (byte x : b) if (x != 0) return false;
        return true;
    }

    /** The file's bytes as read: counted and hashed, with a note of its end and its last few bytes. */
    private static final class RawFile extends ObservedInputStream {
        final MessageDigest digest = Hex.sha256();
        private final byte[] last = new byte[256];
        private final LongConsumer bytesRead;
        long count;
        boolean ended;

        RawFile(InputStream in, LongConsumer bytesRead) {
            super(in);
            this.bytesRead = bytesRead;
        }

        @Override
        void seen(byte[] b, int off, int n) {
            digest.update(b, off, n);
            count += n;
            bytesRead.accept(count);
            int keep = Math.min(n, last.length);
            System.arraycopy(last, keep, last, 0, last.length - keep);
            System.arraycopy(b, off + n - keep, last, last.length - keep, keep);
        }

        String tail() {
            int n = (int) Math.min(count, last.length);
            return new String(last, last.length - n, n, StandardCharsets.ISO_8859_1);
        }

        @Override
        void ended() {
            ended = true;
        }
    }

    private static final class Counting extends ObservedInputStream {
        long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        void seen(byte[] b, int off, int n) {
            count += n;
        }
    }
}
