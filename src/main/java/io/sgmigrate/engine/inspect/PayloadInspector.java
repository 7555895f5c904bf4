package io.sgmigrate.engine.inspect;

import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.payload.Hex;
import io.sgmigrate.engine.payload.Inbound;
import io.sgmigrate.engine.payload.InboundKeys;
import io.sgmigrate.engine.payload.Manifest;
import io.sgmigrate.engine.payload.PayloadReader;
import io.sgmigrate.engine.stream.ReadingSink;
import io.sgmigrate.engine.transfer.CopyRowCounter;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongConsumer;

/**
 * Reads a payload file once, all of it, and says what it is ({@link PayloadInspection}); or reads it again into
 * sinks ({@link #read}), proving that every entry still has the SHA-256 of the first reading. Plain bytes exist only
 * in memory, on their way.
 */
public final class PayloadInspector {
    private PayloadInspector() {}

    /** The member names of sgmigrate's own payloads and the role of each. */
    static String ownRole(String member) {
        if (member.equals("snapshot.json")) return "snapshot";
        if (!member.startsWith("dumps/") || !member.endsWith(".sql")) return "ignored";
        String db = member.substring(6, member.length() - 4);
        if (db.endsWith("-codeintel")) return "codeintel";
        if (db.endsWith("-codeinsights")) return "codeinsights";
        return "frontend";
    }

    /**
     * The inspection, and a customer's site configuration file and {@code src snapshot summary} when the layout has them
     * (in memory only, never recorded).
     */
    public record Found(PayloadInspection inspection, Optional<String> siteConfig, Optional<String> summary) {}

    public static PayloadInspection inspect(Path file, PayloadKeys keys, LongConsumer bytesRead) {
        return examine(file, keys, bytesRead).inspection();
    }

    /** Reads all of {@code file} once: sgmigrate's own payload or a customer's file, whichever it is. */
    public static Found examine(Path file, PayloadKeys keys, LongConsumer bytesRead) {
        if (!own(file, keys)) {
            CustomerFile.Found f = CustomerFile.inspect(file, keys, bytesRead);
            return new Found(f.inspection(), f.siteConfig(), f.summary());
        }
        return new Found(inspectOwn(file, keys, bytesRead), Optional.empty(), Optional.empty());
    }

    /** Every member of sgmigrate's own payload into {@code sinks} (each checked by its manifest's SHA-256). */
    static void members(Path file, PayloadKeys keys, LongConsumer bytesRead, PayloadReader.MemberSink sinks) {
        walk(file, keys, bytesRead, sinks);
    }

    /**
     * The configuration members ({@code config/...}) of sgmigrate's own payload, in memory, every checksum proven; a
     * customer's file has none and is refused. Nothing is written anywhere.
     */
    public static Map<String, byte[]> configMembers(Path file, PayloadKeys keys) {
        if (!own(file, keys)) throw Problem.of(Problem.Kind.INPUT, "config.restore.notOwn", file);
        Map<String, java.io.ByteArrayOutputStream> read = new LinkedHashMap<>();
        walk(file, keys, n -> {}, member -> {
            if (!member.startsWith("config/")) return null;
            java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream() {
                @Override
                public synchronized void write(byte[] buf, int off, int len) {
                    if (count + len > 16 * 1024 * 1024) throw new IllegalStateException("a configuration file larger than 16 MiB");
                    super.write(buf, off, len);
                }
            };
            read.put(member, b);
            return b;
        });
        Map<String, byte[]> out = new LinkedHashMap<>();
        read.forEach((k, v) -> out.put(k, v.toByteArray()));
        return out;
    }

    /** Whether {@code file} is sgmigrate's own payload, found by decrypting up to its first entry. */
    static boolean own(Path file, PayloadKeys keys) {
        try (Inbound in = Inbound.open(file, CustomerFile.keys(keys, false))) {
            return in.sgmigratePayload();
        }
    }

    private static boolean own(PayloadInspection inspection) {
        return inspection.layout().startsWith("sgmigrate payload");
    }

    private static PayloadInspection inspectOwn(Path file, PayloadKeys keys, LongConsumer bytesRead) {
        Map<String, ReadingSink<Map<String, Long>>> counters = new LinkedHashMap<>();
        Reading r = walk(file, keys, bytesRead, member -> {
            if (!ownRole(member).matches("frontend|codeintel|codeinsights")) return null;
            ReadingSink<Map<String, Long>> c = new ReadingSink<>("sgmigrate-count", in -> count(in));
            counters.put(member, c);
            return c;
        });
        List<PayloadInspection.Entry> entries = new ArrayList<>();
        List<PayloadInspection.Dump> dumps = new ArrayList<>();
        for (Manifest.Member m : r.manifest().members()) {
            entries.add(new PayloadInspection.Entry(m.name(), m.size(), m.sha256(), ownRole(m.name())));
            ReadingSink<Map<String, Long>> c = counters.get(m.name());
            if (c != null) {
                String source = m.name().substring(6, m.name().length() - 4);
                dumps.add(new PayloadInspection.Dump(ownRole(m.name()), source, m.name(), "", "", "", Map.of(), c.result(), Map.of()));
            }
        }
        List<String> problems = new ArrayList<>();
        if (dumps.stream().noneMatch(d -> d.role().equals("frontend"))) problems.add("no frontend database dump");
        return new PayloadInspection(file.toAbsolutePath().toString(), r.size(), r.sha256(), r.kind(), true, r.protection(),
                CustomerFile.signature(r.signature()), "sgmigrate payload (format " + r.manifest().format() + ")",
                List.copyOf(entries), List.copyOf(dumps), Optional.empty(), Optional.empty(), Optional.empty(), List.of(), List.copyOf(problems));
    }

    /**
     * Reads the payload again, each dump of {@code inspection} into {@code sinks.apply(dump)} (null: not wanted); a sink is
     * closed only when its entry ended with the SHA-256 of the first reading, else the read fails and every sink is aborted.
     */
    public static void read(Path file, PayloadKeys keys, PayloadInspection inspection, Function<PayloadInspection.Dump, OutputStream> sinks,
                            LongConsumer bytesRead) {
        if (!own(inspection)) {
            CustomerFile.read(file, keys, inspection, sinks, bytesRead);
            return;
        }
        Reading r = walk(file, keys, bytesRead, member -> inspection.dumps().stream().filter(d -> d.entry().equals(member)).findFirst()
                .map(sinks).orElse(null));
        sameAsFirstReading(file, inspection, r.sha256(), name -> {
            Manifest.Member m = r.manifest().member(name);
            return m == null ? null : m.sha256();
        });
    }

    /** Refuses a second reading whose file or any entry ({@code sha256Now}: an entry's SHA-256, null when gone) differs from {@code inspection}. */
    static void sameAsFirstReading(Path file, PayloadInspection inspection, String fileSha256Now, Function<String, String> sha256Now) {
        if (!fileSha256Now.equals(inspection.sha256())) throw Problem.of(Problem.Kind.INPUT, "load.payload.changed", file, inspection.sha256(), fileSha256Now);
        for (PayloadInspection.Entry e : inspection.entries()) {
            String now = sha256Now.apply(e.name());
            if (!e.sha256().equals(now)) throw Problem.of(Problem.Kind.INPUT, "load.payload.changed", file, e.sha256(), now == null ? "missing" : now);
        }
    }

    private record Reading(Manifest manifest, long size, String sha256, String kind, String protection, Inbound.Signature signature) {}

    /** The known signers' public keys (--signer files, the pinned one, the keyring's) and the pinned signer, for an own payload. */
    private static InboundKeys signers(PayloadKeys keys) {
        InboundKeys ik = InboundKeys.none();
        for (Path f : keys.signers()) ik = ik.withSigners(f);
        if (keys.pinnedSigner().isPresent()) ik = ik.withPinnedSigner(keys.pinnedSigner().get());
        if (keys.keyring().isPresent()) ik = ik.withKeyring(keys.keyring().get());
        return ik;
    }

    /** With --signer, only a good signature by that key: an unsigned payload or another signer's is refused, as for a customer's file. */
    private static void refuseUnpinned(InboundKeys ik, Inbound.Signature s) {
        if (ik.pinnedSigner() == null) return;
        String pinned = Hex.of(ik.pinnedSigner().getPublicKey().getFingerprint()).toUpperCase(java.util.Locale.ROOT);
        if (s instanceof Inbound.Signature.SignedKnown k && k.fingerprint().equals(pinned)) return;
        if (s instanceof Inbound.Signature.Unsigned) throw Problem.of(Problem.Kind.AUTHENTICATION, "inbound.signer.missing", pinned);
        String by = s instanceof Inbound.Signature.SignedKnown k ? k.fingerprint() : ((Inbound.Signature.SignedUnknown) s).keyId();
        throw Problem.of(Problem.Kind.AUTHENTICATION, "inbound.signer.other", pinned, by);
    }

    /** One reading of sgmigrate's own payload through PayloadReader (every checksum checked), with the raw file's size and SHA-256. */
    private static Reading walk(Path file, PayloadKeys keys, LongConsumer bytesRead, PayloadReader.MemberSink sinks) {
        boolean armored;
        try (InputStream raw = Files.newInputStream(file)) {
            armored = new String(raw.readNBytes(64), java.nio.charset.StandardCharsets.US_ASCII).contains("-----BEGIN PGP");
        } catch (IOException e) {
            throw Problem.of(Problem.Kind.INPUT, "load.payload.unreadable", file).causedBy(e);
        }
        PayloadReader.Unlock unlock = keys.passphrase().<PayloadReader.Unlock>map(PayloadReader.Unlock.Passphrase::new)
                .orElseGet(() -> SecretKeyFiles.unlock(keys));
        InboundKeys known = signers(keys);
        // A pinned signer is checked before any sink is closed (PayloadReader keeps them open until the end).
        Proof p = prove(file, unlock, sinks, known.signers(), s -> refuseUnpinned(known, s), bytesRead);
        return new Reading(p.manifest(), p.size(), p.sha256(), "sgmigrate payload, " + (armored ? "ASCII-armored" : "binary") + " OpenPGP",
                keys.passphrase().isPresent() ? "encrypted to a passphrase" : "encrypted to a public key", p.signature());
    }

    /** A payload file read through and proven: its manifest, who signed it, and the file's own size and SHA-256. */
    public record Proof(Manifest manifest, Inbound.Signature signature, long size, String sha256) {}

    /**
     * Reads all of sgmigrate's own payload {@code file} with {@code unlock}, every checksum and the signature checked
     * ({@link PayloadReader#read(InputStream, PayloadReader.Unlock, PayloadReader.MemberSink, PGPPublicKeyRingCollection, java.util.function.Consumer)}),
     * telling {@code bytesRead} how far it got, and hashing the file's bytes as they pass.
     */
    public static Proof prove(Path file, PayloadReader.Unlock unlock, PayloadReader.MemberSink sinks, PGPPublicKeyRingCollection signers,
                              java.util.function.Consumer<Inbound.Signature> accept, LongConsumer bytesRead) {
        MessageDigest sha = Hex.sha256();
        long[] n = new long[1];
        try (InputStream in = new DigestInputStream(new java.io.FilterInputStream(Files.newInputStream(file)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int r = super.read(b, off, len);
                if (r > 0) bytesRead.accept(n[0] += r);
                return r;
            }
        }, sha)) {
            PayloadReader.Proven p = PayloadReader.read(in, unlock, sinks, signers, accept);
            in.transferTo(OutputStream.nullOutputStream());
            return new Proof(p.manifest(), p.signature(), n[0], Hex.of(sha.digest()));
        } catch (IOException e) {
            throw Problem.of(Problem.Kind.INPUT, "load.payload.unreadable", file).causedBy(e);
        }
    }

    private static Map<String, Long> count(InputStream in) {
        try (CopyRowCounter c = new CopyRowCounter(in)) {
            c.transferTo(OutputStream.nullOutputStream());
            return c.counts();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
