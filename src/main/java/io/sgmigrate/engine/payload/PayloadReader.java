package io.sgmigrate.engine.payload;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.secret.Secret;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPEncryptedData;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPPBEEncryptedData;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKeyEncryptedData;
import org.bouncycastle.openpgp.PGPOnePassSignature;
import org.bouncycastle.openpgp.PGPOnePassSignatureList;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentVerifierBuilderProvider;
import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;
import org.bouncycastle.openpgp.jcajce.JcaPGPObjectFactory;
import org.bouncycastle.openpgp.operator.jcajce.JcePBESecretKeyDecryptorBuilder;

/**
 * Opens a payload as one stream and checks all of it: the OpenPGP integrity packet, every entry's name and
 * type (links, devices, absolute or {@code ..} paths are refused), every part's and member's SHA-256 against
 * the manifest. Member bytes are handed to a sink as they arrive; the verdict comes at the end, so a caller
 * that acts on the bytes (a restore) must treat them as unproven until {@link #read} returns. Every sink stays
 * open until the whole payload is proven and is closed only then; when reading fails, each open sink is
 * aborted ({@link Abortable}) or, if it cannot be, closed, and the payload's error is the one thrown.
 */
public final class PayloadReader {
    private static final Set<String> FORMAT_1_NAMES = Set.of("payload.tar.gz", "payload.tar.zst");
    private static final Pattern PART = Pattern.compile("members/(.+)/part-(\\d{6})(\\.gz|\\.zst)?");

    /**
     * Where member bytes go; return null to check a member without keeping its bytes. Sinks of several members
     * are open at once: each is closed after the last member has been checked, or aborted if the payload fails.
     */
    @FunctionalInterface
    public interface MemberSink {
        OutputStream open(String member) throws IOException;
    }

    /** What opens a payload: its passphrase, or secret keys (and their passphrase, if they have one). */
    public sealed interface Unlock {
        record Passphrase(Secret secret) implements Unlock {}

        record SecretKeys(PGPSecretKeyRingCollection keys, Secret keyPassphrase) implements Unlock {}
    }

    private PayloadReader() {}

    public static Manifest read(InputStream encrypted, Unlock unlock, MemberSink sink) {
        return read(encrypted, unlock, sink, null).manifest();
    }

    /** A payload read and proven: its manifest, and who signed it (a bad signature is refused, never returned). */
    public record Proven(Manifest manifest, Inbound.Signature signature) {}

    /**
     * As {@link #read(InputStream, Unlock, MemberSink)}, with the public keys of known signers ({@code signers}, may be
     * null): a signature by one of them is checked before any sink is closed; by another key it is named, unchecked.
     */
    public static Proven read(InputStream encrypted, Unlock unlock, MemberSink sink, PGPPublicKeyRingCollection signers) {
        return read(encrypted, unlock, sink, signers, s -> {});
    }

    /** As above; {@code accept} sees the signature's verdict before any sink is closed, and refuses it by throwing. */
    public static Proven read(InputStream encrypted, Unlock unlock, MemberSink sink, PGPPublicKeyRingCollection signers,
                              java.util.function.Consumer<Inbound.Signature> accept) {
        Sinks sinks = new Sinks(sink);
        Proven m;
        try {
            m = readAll(encrypted, unlock, sinks, signers);
            accept.accept(m.signature());
        } catch (Error e) {
            sinks.abortAll(e);
            throw e;
        } catch (RuntimeException e) {
            RuntimeException primary = reported(e);
            sinks.abortAll(primary);
            throw primary;
        }
        sinks.closeAll();
        return m;
    }

    /**
     * A full verification pass, for a payload that is about to be relied on (before a restore acts on it, or
     * anything is removed): decrypts all of it, checks the integrity packet (MDC), every entry, every part's and
     * member's SHA-256 and the manifest, exactly as {@link #read} does, and keeps no byte.
     *
     * @return the manifest of the payload, proven
     */
    public static Manifest verify(InputStream encrypted, Unlock unlock) {
        return read(encrypted, unlock, member -> null);
    }

    private static Proven readAll(InputStream encrypted, Unlock unlock, Sinks sinks, PGPPublicKeyRingCollection signers) {
        try {
            // Buffered here, so that what an ASCII armor leaves after its end line is still ours to check.
            BufferedInputStream raw = new BufferedInputStream(encrypted, 1 << 16);
            JcaPGPObjectFactory outer = new JcaPGPObjectFactory(ArmorDecoder.ifArmored(raw));
            Object o = outer.nextObject();
            if (o instanceof org.bouncycastle.openpgp.PGPMarker) o = outer.nextObject();
            if (!(o instanceof PGPEncryptedDataList list)) throw Problem.of(Problem.Kind.INPUT, "payload.read.notPayload");
            PGPEncryptedData data = null;
            InputStream clear = null;
            ReaderSupport.Attempts attempts = new ReaderSupport.Attempts();
            for (Iterator<PGPEncryptedData> it = list.getEncryptedDataObjects(); it.hasNext() && clear == null; ) {
                PGPEncryptedData d = it.next();
                clear = tryOpen(d, unlock, attempts);
                if (clear != null) data = d;
            }
            if (clear == null) {
                if (attempts.unsupported != null && !attempts.mismatch) {
                    throw Problem.of(Problem.Kind.INPUT, "payload.read.unsupported").causedBy(attempts.unsupported);
                }
                throw Problem.of(Problem.Kind.AUTHENTICATION, unlock instanceof Unlock.Passphrase ? "payload.read.wrongPassphrase" : "payload.read.noKey");
            }
            if (!data.isIntegrityProtected()) throw Problem.of(Problem.Kind.INPUT, "payload.read.notProtected");
            JcaPGPObjectFactory inner = new JcaPGPObjectFactory(clear);
            Object lit = inner.nextObject();
            // A one-pass signature around the literal (payload create --sign-with): exactly one, by one key.
            PGPOnePassSignature ops = null;
            PGPPublicKey signerKey = null;
            if (lit instanceof PGPOnePassSignatureList l) {
                if (l.size() != 1) throw Problem.of(Problem.Kind.INPUT, "payload.read.corrupt");
                ops = l.get(0);
                signerKey = signers == null ? null : signers.getPublicKey(ops.getKeyID());
                if (signerKey != null) ops.init(new JcaPGPContentVerifierBuilderProvider().setProvider(PayloadWriter.BC), signerKey);
                lit = inner.nextObject();
            }
            // The writer never compresses here; a compressed layer could inflate without bound.
            if (lit instanceof PGPCompressedData) throw Problem.of(Problem.Kind.INPUT, "payload.read.openpgpCompressed");
            if (!(lit instanceof PGPLiteralData literal)) throw Problem.of(Problem.Kind.INPUT, "payload.read.notPayload");
            // Format 1 compressed the whole tar (payload.tar.gz, payload.tar.zst); it was never released.
            if (FORMAT_1_NAMES.contains(literal.getFileName())) throw Problem.of(Problem.Kind.INPUT, "payload.read.format", 1);
            if (!literal.getFileName().equals(PayloadWriter.LITERAL_NAME)) throw Problem.of(Problem.Kind.INPUT, "payload.read.notPayload");
            InputStream tarBytes = signerKey == null ? literal.getInputStream() : signed(literal.getInputStream(), ops);
            Manifest m = readTar(tarBytes, sinks);
            // Nothing may follow: only the tar's zero padding, the signature when it began with one, nothing after the message.
            if (!ReaderSupport.onlyZeros(tarBytes)) throw Problem.of(Problem.Kind.INPUT, "payload.read.corrupt");
            Object after = inner.nextObject();
            Inbound.Signature verdict = Inbound.Signature.UNSIGNED;
            if (ops != null) {
                if (!(after instanceof PGPSignatureList sl) || sl.size() != 1 || sl.get(0).getKeyID() != ops.getKeyID()) {
                    throw Problem.of(Problem.Kind.INPUT, "payload.read.corrupt");
                }
                String id = String.format("%016X", ops.getKeyID());
                if (signerKey == null) {
                    verdict = new Inbound.Signature.SignedUnknown(id);
                } else {
                    if (!ops.verify(sl.get(0))) throw Problem.of(Problem.Kind.INPUT, "inbound.badSignature", id);
                    PGPPublicKey primary = signers.getPublicKeyRing(ops.getKeyID()).getPublicKey();
                    verdict = new Inbound.Signature.SignedKnown(Hex.of(primary.getFingerprint()).toUpperCase(java.util.Locale.ROOT),
                            primary.getUserIDs().hasNext() ? primary.getUserIDs().next() : "");
                }
                after = inner.nextObject();
            }
            if (after != null) throw Problem.of(Problem.Kind.INPUT, "payload.read.corrupt");
            if (!data.verify()) throw Problem.of(Problem.Kind.INPUT, "payload.read.corrupt");
            if (outer.nextObject() != null || !ReaderSupport.onlyWhitespace(raw)) throw Problem.of(Problem.Kind.INPUT, "payload.read.corrupt");
            return new Proven(m, verdict);
        } catch (PGPException e) {
            throw Problem.of(Problem.Kind.INPUT, "payload.read.corrupt").causedBy(e);
        } catch (IOException e) {
            throw Problem.of(Problem.Kind.INPUT, "payload.read.corrupt").causedBy(e);
        }
    }

    /** The archive's bytes, each also fed to the signature being checked. */
    private static InputStream signed(InputStream in, PGPOnePassSignature ops) {
        return new ObservedInputStream(in) {
            @Override
            void seen(byte[] b, int off, int n) {
                ops.update(b, off, n);
            }
        };
    }

    private static InputStream tryOpen(PGPEncryptedData d, Unlock unlock, ReaderSupport.Attempts attempts) throws PGPException {
        if (d instanceof PGPPBEEncryptedData pbe && unlock instanceof Unlock.Passphrase p) {
            return ReaderSupport.tryPassphrase(pbe, p.secret().chars(), attempts);
        }
        if (d instanceof PGPPublicKeyEncryptedData pk && unlock instanceof Unlock.SecretKeys s) {
            PGPSecretKey sk = s.keys().getSecretKey(pk.getKeyID());
            if (sk == null) return null;
            char[] pass = s.keyPassphrase() == null ? new char[0] : s.keyPassphrase().chars();
            var decryptor = new JcePBESecretKeyDecryptorBuilder(ReaderSupport.digests()).setProvider(PayloadWriter.BC).build(pass);
            PGPPrivateKey priv;
            try {
                priv = sk.extractPrivateKey(decryptor);
            } catch (PGPException wrongKeyPassphrase) {
                throw Problem.of(Problem.Kind.AUTHENTICATION, "payload.read.keyPassphrase");
            }
            return ReaderSupport.dataStream(pk, priv);
        }
        return null;
    }

    private static Manifest readTar(InputStream literal, Sinks sinks) throws IOException {
        Compression c = null;
        Map<String, List<Manifest.Part>> seen = new LinkedHashMap<>();
        Map<String, MessageDigest> wholes = new LinkedHashMap<>();
        Map<String, Long> sizes = new LinkedHashMap<>();
        Manifest manifest = null;
        String current = null;
        Sinks.Open out = null;
        byte[] buf = new byte[1 << 16];
        var budget = new ReaderSupport.HeaderBudget(literal, max -> Problem.of(Problem.Kind.INPUT, "payload.read.bigHeader", max));
        // Blocks of one record: the tar reader stops right after the end-of-archive records, and the caller checks the rest.
        try (TarArchiveInputStream tar = new TarArchiveInputStream(budget, 512, "UTF-8")) {
            TarArchiveEntry e;
            Set<String> names = new HashSet<>();
            while ((e = budget.nextEntry(tar)) != null) {
                String name = e.getName();
                if (!ReaderSupport.regular(e) || name.startsWith("/") || name.contains("..") || name.contains("\\") || !names.add(name)) {
                    throw Problem.of(Problem.Kind.INPUT, "payload.read.hostileEntry", name);
                }
                if (manifest != null) throw Problem.of(Problem.Kind.INPUT, "payload.read.hostileEntry", name);
                if (name.equals(PayloadWriter.README)) {
                    // Only as the first entry, and only a note's size: read and dropped (the integrity packet covers it).
                    if (names.size() != 1 || e.getSize() > PayloadWriter.MAX_README) throw Problem.of(Problem.Kind.INPUT, "payload.read.hostileEntry", name);
                    tar.transferTo(OutputStream.nullOutputStream());
                    continue;
                }
                if (name.equals(Manifest.FILE)) {
                    if (e.getSize() > 16 * 1024 * 1024) throw Problem.of(Problem.Kind.INPUT, "payload.read.hostileEntry", name);
                    manifest = new ObjectMapper().readValue(tar.readAllBytes(), Manifest.class);
                    if (manifest == null) throw Problem.of(Problem.Kind.INPUT, "payload.read.corrupt");
                    continue;
                }
                Matcher m = PART.matcher(name);
                if (!m.matches() || !PayloadWriter.MEMBER_NAME.matcher(m.group(1)).matches()) {
                    throw Problem.of(Problem.Kind.INPUT, "payload.read.hostileEntry", name);
                }
                String member = m.group(1);
                Compression partCompression = Compression.ofSuffix(m.group(3) == null ? "" : m.group(3));
                if (c == null) c = partCompression;
                if (c != partCompression) throw Problem.of(Problem.Kind.INPUT, "payload.read.hostileEntry", name);
                // Parts 1, 2, 3... in order, as cat members/NAME/part-* joins them.
                int expected = member.equals(current) ? seen.get(member).size() + 1 : 1;
                if (Integer.parseInt(m.group(2)) != expected) throw Problem.of(Problem.Kind.INPUT, "payload.read.hostileEntry", name);
                if (!member.equals(current)) {
                    if (seen.containsKey(member)) throw Problem.of(Problem.Kind.INPUT, "payload.read.hostileEntry", name);
                    current = member;
                    seen.put(member, new ArrayList<>());
                    wholes.put(member, Hex.sha256());
                    sizes.put(member, 0L);
                    out = sinks.open(member);
                }
                MessageDigest partDigest = Hex.sha256();
                MessageDigest whole = wholes.get(member);
                long n = 0;
                int r;
                try (InputStream plain = c.unpack(new java.io.FilterInputStream(tar) {
                    @Override
                    public void close() {
                        // the tar stream goes on to the next entry
                    }
                })) {
                    while ((r = plain.read(buf)) != -1) {
                        if (n + r > PayloadWriter.MAX_PART_SIZE) throw Problem.of(Problem.Kind.INPUT, "payload.read.hostileEntry", name);
                        partDigest.update(buf, 0, r);
                        whole.update(buf, 0, r);
                        if (out != null) out.write(buf, r);
                        n += r;
                    }
                }
                // The packed part must end where its entry does: skipping the rest would take it for a header.
                if (tar.read() != -1) throw Problem.of(Problem.Kind.INPUT, "payload.read.hostileEntry", name);
                seen.get(member).add(new Manifest.Part(name, n, Hex.of(partDigest.digest())));
                sizes.merge(member, n, Long::sum);
            }
        }
        if (manifest == null) throw Problem.of(Problem.Kind.INPUT, "payload.read.incomplete");
        if (manifest.format() != Manifest.FORMAT) throw Problem.of(Problem.Kind.INPUT, "payload.read.format", manifest.format());
        checkShape(manifest);
        if (c != null && !c.name().equalsIgnoreCase(manifest.compression())) {
            throw Problem.of(Problem.Kind.INPUT, "payload.read.compression", manifest.compression(), c.name().toLowerCase(java.util.Locale.ROOT));
        }
        check(manifest, seen, wholes, sizes);
        return manifest;
    }

    /** Every field the checks below rely on is there, and no member is listed twice. */
    private static void checkShape(Manifest m) {
        boolean whole = m.compression() != null && m.members() != null;
        Set<String> names = new HashSet<>();
        for (int i = 0; whole && i < m.members().size(); i++) {
            Manifest.Member mm = m.members().get(i);
            whole = mm != null && mm.name() != null && mm.sha256() != null && mm.parts() != null && !mm.parts().isEmpty()
                    && names.add(mm.name()) && mm.parts().stream().allMatch(p -> p != null && p.entry() != null && p.sha256() != null);
        }
        if (!whole) throw Problem.of(Problem.Kind.INPUT, "payload.read.corrupt");
    }

    private static void check(Manifest manifest, Map<String, List<Manifest.Part>> seen, Map<String, MessageDigest> wholes,
                              Map<String, Long> sizes) {
        if (!seen.keySet().equals(new java.util.LinkedHashSet<>(manifest.members().stream().map(Manifest.Member::name).toList()))) {
            throw Problem.of(Problem.Kind.INPUT, "payload.read.members", manifest.members().stream().map(Manifest.Member::name).toList(), seen.keySet());
        }
        for (Manifest.Member mm : manifest.members()) {
            List<Manifest.Part> got = seen.get(mm.name());
            if (!got.equals(mm.parts())) {
                for (int i = 0; i < Math.max(got.size(), mm.parts().size()); i++) {
                    Manifest.Part want = i < mm.parts().size() ? mm.parts().get(i) : null;
                    Manifest.Part have = i < got.size() ? got.get(i) : null;
                    if (want == null || !want.equals(have)) {
                        throw Problem.of(Problem.Kind.INPUT, "payload.read.checksum", mm.name(), want != null ? want.entry() : have.entry());
                    }
                }
            }
            String whole = Hex.of(wholes.get(mm.name()).digest());
            if (!whole.equals(mm.sha256()) || sizes.get(mm.name()) != mm.size()) {
                throw Problem.of(Problem.Kind.INPUT, "payload.read.checksum", mm.name(), "(whole member)");
            }
        }
    }

    /**
     * What the caller is told: a sink's own error as the sink threw it; any other unchecked exception comes from
     * parsing (Bouncy Castle, the tar reader, Jackson) bytes that are not what they should be.
     */
    private static RuntimeException reported(RuntimeException e) {
        if (e instanceof Problem) return e;
        if (!(e instanceof SinkFailed f)) return Problem.of(Problem.Kind.INPUT, "payload.read.corrupt").causedBy(e);
        if (f.getCause() instanceof RuntimeException r) return r;
        return Problem.of(Problem.Kind.INTERNAL, "payload.read.sinkFailed", f.member).causedBy(f.getCause());
    }

    /** An error of a member's sink (not of the payload), carried out of the reading code unchanged. */
    private static final class SinkFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String member;

        SinkFailed(String member, Exception cause) {
            super(cause);
            this.member = member;
        }
    }

    /** The sinks opened so far, in member order: closed once the payload is proven, aborted if it is not. */
    private static final class Sinks {
        private final MemberSink sink;
        private final List<Open> open = new ArrayList<>();

        Sinks(MemberSink sink) {
            this.sink = sink;
        }

        /** A sink open for one member; its errors are the sink's, never the payload's. */
        record Open(String member, OutputStream out) {
            void write(byte[] b, int n) {
                try {
                    out.write(b, 0, n);
                } catch (IOException | RuntimeException e) {
                    throw new SinkFailed(member, e);
                }
            }
        }

        /** Null when the caller keeps no bytes of this member. */
        Open open(String member) {
            if (sink == null) return null;
            OutputStream out;
            try {
                out = sink.open(member);
            } catch (IOException | RuntimeException e) {
                throw new SinkFailed(member, e);
            }
            if (out == null) return null;
            Open o = new Open(member, out);
            open.add(o);
            return o;
        }

        /** Closes every sink in order; when one fails, the rest are aborted and its error is thrown. */
        void closeAll() {
            for (int i = 0; i < open.size(); i++) {
                Open o = open.get(i);
                try {
                    o.out().close();
                } catch (IOException | RuntimeException e) {
                    RuntimeException primary = reported(new SinkFailed(o.member(), e));
                    abort(open.subList(i + 1, open.size()), primary);
                    throw primary;
                }
            }
        }

        void abortAll(Throwable primary) {
            abort(open, primary);
        }

        private static void abort(List<Open> sinks, Throwable primary) {
            for (Open o : sinks) {
                try {
                    if (o.out() instanceof Abortable a) a.abort();
                    else o.out().close();
                } catch (IOException | RuntimeException e) {
                    if (e != primary) primary.addSuppressed(e);
                }
            }
        }
    }
}
