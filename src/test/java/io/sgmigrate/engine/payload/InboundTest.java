package io.sgmigrate.engine.payload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.sgmigrate.engine.Messages;
import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.secret.Secret;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.operator.jcajce.JcePGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcePublicKeyKeyEncryptionMethodGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Customers' files made with the real gpg, tar, gzip and zstd, opened as a stream of entries. */
class InboundTest {
    private static final String SYMMETRIC_PASS = "customer passphrase 42";

    @TempDir
    static Path dir;
    static InboundGpg gpg;
    static InboundGpg.Key alice;
    static InboundGpg.Key bob;
    static InboundGpg.Key stranger;
    static Map<String, byte[]> files;
    static Path tar;
    static Path tarGz;
    static Path tarZst;

    @BeforeAll
    static void fixtures() throws IOException {
        gpg = new InboundGpg(dir);
        alice = gpg.generate(InboundGpg.ALICE, InboundGpg.ALICE_PASS);
        bob = gpg.generate(InboundGpg.BOB, "");
        stranger = gpg.generate(InboundGpg.STRANGER, "");
        Path src = Files.createDirectories(dir.resolve("src/src-snapshot"));
        files = new LinkedHashMap<>();
        files.put("src-snapshot/pgsql.sql", sql(200_000, 1));
        files.put("src-snapshot/codeintel.sql", sql(50_000, 2));
        files.put("src-snapshot/summary.json", "{\"version\":\"5.3.0\"}\n".getBytes(StandardCharsets.UTF_8));
        for (var f : files.entrySet()) Files.write(dir.resolve("src").resolve(f.getKey()), f.getValue());
        tar = dir.resolve("name.tar");
        InboundGpg.exec(List.of("tar", "-C", dir.resolve("src").toString(), "-cf", tar.toString(), "."), dir);
        tarGz = dir.resolve("name.tar.gz");
        InboundGpg.exec(List.of("sh", "-c", "gzip -c name.tar > name.tar.gz"), dir);
        tarZst = dir.resolve("name.tar.zst");
        InboundGpg.exec(List.of("zstd", "-q", "-f", "name.tar", "-o", tarZst.toString()), dir);
    }

    @AfterAll
    static void stopAgent() throws IOException {
        gpg.close();
    }

    // ---- what it is and what is inside

    @Test
    void anArmoredFileEncryptedToAProtectedKeyAsksForItsPassphraseOnceAndStreamsEveryEntry() throws Exception {
        Path f = gpg.gpg(tarGz, dir.resolve("armored.tar.gz.asc"), "--armor", "--encrypt", "--recipient", alice.fingerprint());
        AtomicInteger asked = new AtomicInteger();
        InboundKeys keys = InboundKeys.none().withSecretKeys(alice.secretArmored()).withKeyPassphrase(() -> {
            asked.incrementAndGet();
            return secret(InboundGpg.ALICE_PASS);
        });
        Map<String, byte[]> got = new LinkedHashMap<>();
        Inbound.Verdict v;
        try (Inbound in = Inbound.open(f, keys)) {
            assertEquals(Inbound.Kind.OPENPGP_ARMORED, in.kind());
            assertEquals(Inbound.Encryption.PUBLIC_KEYS, in.encryption());
            assertEquals(List.of(alice.encryptionId()), in.recipients());
            assertEquals("name.tar.gz", in.literalName());
            assertEquals(Inbound.Archive.TAR_GZIP, in.archive());
            assertFalse(in.unencrypted());
            assertFalse(in.sgmigratePayload());
            v = in.entries((name, size, data) -> got.put(name, data.readAllBytes()));
        }
        assertEquals(1, asked.get());
        assertEquals(files.keySet(), got.keySet(), "directories skipped, ./ dropped");
        for (var e : files.entrySet()) assertEquals(sha256(e.getValue()), sha256(got.get(e.getKey())), e.getKey());
        assertEquals(Inbound.Signature.UNSIGNED, v.signature());
        assertEquals(sha256(Files.readAllBytes(f)), v.fileSha256());
        assertEquals(Files.size(f), v.fileSize());
        assertEquals(files.keySet(), v.entries().stream().map(Inbound.Entry::name).collect(java.util.stream.Collectors.toSet()));
        for (Inbound.Entry e : v.entries()) {
            assertEquals(sha256(files.get(e.name())), e.sha256());
            assertEquals(files.get(e.name()).length, e.size());
        }
    }

    @Test
    void aBinaryFileForAnUnprotectedKeyNeverAsksAndEntriesReadInPartOrNotAtAllAreStillHashedWhole() throws Exception {
        Path f = gpg.gpg(tarZst, dir.resolve("binary.tar.zst.gpg"), "--encrypt", "--recipient", bob.fingerprint());
        InboundKeys keys = InboundKeys.none().withSecretKeys(bob.secretBinary()).withKeyPassphrase(() -> fail("bob's key has no passphrase"));
        Inbound.Verdict first;
        try (Inbound in = Inbound.open(f, keys)) {
            assertEquals(Inbound.Kind.OPENPGP_BINARY, in.kind());
            assertEquals(Inbound.Archive.TAR_ZSTD, in.archive());
            first = in.entries((name, size, data) -> {
                if (name.endsWith("pgsql.sql")) data.readNBytes(10);
            });
        }
        Inbound.Verdict second;
        try (Inbound in = Inbound.open(f, keys)) {
            second = in.entries((name, size, data) -> data.transferTo(OutputStream.nullOutputStream()));
        }
        assertEquals(first, second, "two passes over the same file agree");
        for (Inbound.Entry e : first.entries()) assertEquals(sha256(files.get(e.name())), e.sha256(), e.name());
    }

    @Test
    void aFileEncryptedToAPassphraseOpensWithIt() throws Exception {
        Path f = gpg.gpg(tar, dir.resolve("symmetric.tar.gpg"), "--passphrase", SYMMETRIC_PASS, "--symmetric");
        try (Inbound in = Inbound.open(f, InboundKeys.none().withPassphrase(secret(SYMMETRIC_PASS)))) {
            assertEquals(Inbound.Encryption.PASSPHRASE, in.encryption());
            assertEquals(List.of(), in.recipients());
            assertEquals(Inbound.Archive.TAR, in.archive());
            assertEquals(files.size(), in.entries((n, s, d) -> {}).entries().size());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"zip", "zlib", "bzip2", "none"})
    void gpgsCompressionLayerIsUnpackedWhicheverItIs(String algo) throws Exception {
        Path f = gpg.gpg(tar, dir.resolve("compress-" + algo + ".tar.gpg"), "--compress-algo", algo, "--encrypt", "--recipient", bob.fingerprint());
        try (Inbound in = Inbound.open(f, bobKeys())) {
            assertEquals(files.size(), in.entries((n, s, d) -> assertEquals(sha256(files.get(n)), sha256(d.readAllBytes()))).entries().size());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"name.tar", "name.tar.gz", "name.tar.zst"})
    void anUnencryptedArchiveIsReadAndFlaggedAsUnencrypted(String name) throws Exception {
        try (Inbound in = Inbound.open(dir.resolve(name), InboundKeys.none())) {
            assertEquals(Inbound.Kind.PLAIN_ARCHIVE, in.kind());
            assertTrue(in.unencrypted());
            assertEquals(name.endsWith(".gz") ? Inbound.Archive.TAR_GZIP : name.endsWith(".zst") ? Inbound.Archive.TAR_ZSTD : Inbound.Archive.TAR, in.archive());
            Inbound.Verdict v = in.entries((n, s, d) -> {});
            assertTrue(v.unencrypted());
            assertEquals(Inbound.Signature.UNSIGNED, v.signature());
            assertEquals(sha256(Files.readAllBytes(dir.resolve(name))), v.fileSha256());
            assertEquals(files.keySet(), v.entries().stream().map(Inbound.Entry::name).collect(java.util.stream.Collectors.toSet()));
        }
    }

    @Test
    void sgmigratesOwnPayloadIsRecognisedFromItsFirstEntry() throws Exception {
        Path f = dir.resolve("own.payload.gpg");
        try (OutputStream out = Files.newOutputStream(f);
             PayloadWriter w = new PayloadWriter(out, Protection.recipientFromFile(bob.publicArmored()), Compression.ZSTD, 4096, false, null)) {
            w.addMember("dumps/sourcegraph.sql", new java.io.ByteArrayInputStream(files.get("src-snapshot/pgsql.sql")));
            w.finish();
        }
        try (Inbound in = Inbound.open(f, bobKeys())) {
            assertTrue(in.sgmigratePayload());
            assertEquals("payload.tar", in.literalName());
        }
        try (Inbound in = Inbound.open(dir.resolve("name.tar"), InboundKeys.none())) {
            assertFalse(in.sgmigratePayload());
        }
    }

    @Test
    void whatAnEncryptedMessageHoldsMustBeATar() throws Exception {
        Path f = gpg.gpg(dir.resolve("src/src-snapshot/pgsql.sql"), dir.resolve("pgsql.sql.gpg"), "--encrypt", "--recipient", bob.fingerprint());
        assertProblem("inbound.notTar", () -> Inbound.open(f, bobKeys()), "pgsql.sql");
    }

    // ---- signatures

    @Test
    void aSignatureByAKnownSignerIsGoodAndNamesThem() throws Exception {
        Path f = gpg.gpg(tarGz, dir.resolve("signed-known.gpg"), "--local-user", bob.fingerprint(), "--sign", "--encrypt", "--recipient", alice.fingerprint());
        Inbound.Verdict v = readAll(f, aliceKeys().withSigners(bob.publicArmored()));
        assertEquals(new Inbound.Signature.SignedKnown(bob.fingerprint(), InboundGpg.BOB), v.signature());
    }

    @Test
    void aSignatureByAnUnknownKeyIsReportedWithItsKeyId() throws Exception {
        Path f = gpg.gpg(tarGz, dir.resolve("signed-unknown.gpg"), "--local-user", stranger.fingerprint(), "--sign", "--encrypt", "--recipient", alice.fingerprint());
        Inbound.Verdict v = readAll(f, aliceKeys().withSigners(bob.publicArmored()));
        assertEquals(new Inbound.Signature.SignedUnknown(stranger.primaryId()), v.signature());
    }

    @Test
    void aPinnedSignerMustHaveSigned() throws Exception {
        Path byBob = gpg.gpg(tarGz, dir.resolve("pinned-bob.gpg"), "--local-user", bob.fingerprint(), "--sign", "--encrypt", "--recipient", alice.fingerprint());
        Path byStranger = gpg.gpg(tarGz, dir.resolve("pinned-stranger.gpg"), "--local-user", stranger.fingerprint(), "--sign", "--encrypt", "--recipient", alice.fingerprint());
        Path unsigned = gpg.gpg(tarGz, dir.resolve("pinned-none.gpg"), "--encrypt", "--recipient", alice.fingerprint());
        InboundKeys pinned = aliceKeys().withPinnedSigner(bob.publicArmored());
        assertEquals(new Inbound.Signature.SignedKnown(bob.fingerprint(), InboundGpg.BOB), readAll(byBob, pinned).signature());
        assertProblem("inbound.signer.other", () -> Inbound.open(byStranger, pinned), bob.fingerprint(), stranger.primaryId());
        assertProblem("inbound.signer.missing", () -> Inbound.open(unsigned, pinned), bob.fingerprint());
        assertProblem("inbound.signer.missing", () -> Inbound.open(tarGz, InboundKeys.none().withPinnedSigner(bob.publicArmored())), bob.fingerprint());
    }

    @ParameterizedTest
    @ValueSource(strings = {"zlib", "none"})
    void aMessageThatIsOnlySignedIsReadAndFlaggedAsUnencrypted(String algo) throws Exception {
        Path f = gpg.gpg(tar, dir.resolve("signed-only-" + algo + ".tar.gpg"), "--compress-algo", algo, "--local-user", bob.fingerprint(), "--sign");
        try (Inbound in = Inbound.open(f, InboundKeys.none().withSigners(bob.publicArmored()))) {
            assertEquals(Inbound.Encryption.NONE, in.encryption());
            assertTrue(in.unencrypted());
            Inbound.Verdict v = in.entries((n, s, d) -> d.readAllBytes());
            assertEquals(new Inbound.Signature.SignedKnown(bob.fingerprint(), InboundGpg.BOB), v.signature());
        }
    }

    @Test
    void aSignedOnlyMessageChangedAfterSigningHasABadSignature() throws Exception {
        Path f = gpg.gpg(tar, dir.resolve("signed-only-flipped.tar.gpg"), "--compress-algo", "none", "--local-user", bob.fingerprint(), "--sign");
        byte[] b = Files.readAllBytes(f);
        int at = indexOf(b, "INSERT".getBytes(StandardCharsets.US_ASCII));
        b[at] = 'X';
        Files.write(f, b);
        assertProblem("inbound.badSignature", () -> readAll(f, InboundKeys.none().withSigners(bob.publicArmored())), bob.primaryId());
    }

    @Test
    void anEncryptedMessageWhoseSignatureDoesNotMatchIsRefusedThoughItsIntegrityCheckPasses() throws Exception {
        Path signed = gpg.gpg(tar, dir.resolve("bad-sig-inner.gpg"), "--compress-algo", "none", "--local-user", bob.fingerprint(), "--sign");
        byte[] packets = Files.readAllBytes(signed);
        packets[indexOf(packets, "INSERT".getBytes(StandardCharsets.US_ASCII))] = 'X';
        // The signed packets, changed, then encrypted whole: the integrity check covers the change, the signature does not.
        Path f = dir.resolve("bad-sig.gpg");
        var data = new JcePGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256).setWithIntegrityPacket(true).setProvider(PayloadWriter.BC);
        PGPEncryptedDataGenerator gen = new PGPEncryptedDataGenerator(data);
        gen.addMethod(new JcePublicKeyKeyEncryptionMethodGenerator(Protection.recipientFromFile(alice.publicArmored()).key()).setProvider(PayloadWriter.BC));
        try (OutputStream out = Files.newOutputStream(f); OutputStream enc = gen.open(out, new byte[1 << 16])) {
            enc.write(packets);
        }
        assertProblem("inbound.badSignature", () -> readAll(f, aliceKeys().withSigners(bob.publicArmored())), bob.primaryId());
    }

    // ---- keys and passphrases

    @Test
    void aWrongPassphraseIsSaidSo() throws Exception {
        Path f = gpg.gpg(tar, dir.resolve("wrong-pass.tar.gpg"), "--passphrase", SYMMETRIC_PASS, "--symmetric");
        assertProblem("inbound.wrongPassphrase", () -> Inbound.open(f, InboundKeys.none().withPassphrase(secret("not it"))), f);
        assertProblem("inbound.passphraseNeeded", () -> Inbound.open(f, bobKeys()), f);
    }

    @Test
    void aFileForAnotherKeyNamesTheKeysItIsForAndTheKeysGiven() throws Exception {
        Path f = gpg.gpg(tar, dir.resolve("for-stranger.tar.gpg"), "--encrypt", "--recipient", stranger.fingerprint());
        InboundKeys keys = aliceKeys().withSecretKeys(bob.secretArmored());
        String given = String.join(", ", keys.secretKeyIds());
        assertTrue(given.contains(alice.encryptionId()) && given.contains(bob.encryptionId()), given);
        assertProblem("inbound.noKey", () -> Inbound.open(f, keys), stranger.encryptionId(), given);
        assertProblem("inbound.noKeyGiven", () -> Inbound.open(f, InboundKeys.none()), stranger.encryptionId());
    }

    @Test
    void aWrongPassphraseOfTheSecretKeyIsSaidSo() throws Exception {
        Path f = gpg.gpg(tar, dir.resolve("key-pass.tar.gpg"), "--encrypt", "--recipient", alice.fingerprint());
        InboundKeys keys = InboundKeys.none().withSecretKeys(alice.secretBinary()).withKeyPassphrase(() -> secret("wrong"));
        assertProblem("inbound.keyPassphrase", () -> Inbound.open(f, keys), alice.encryptionId());
    }

    @Test
    void aKeyFileThatIsNoKeyIsNamed() throws Exception {
        assertProblem("inbound.keyFile.unreadable", () -> InboundKeys.none().withSecretKeys(tarGz), tarGz);
        assertProblem("inbound.keyFile.unreadable", () -> InboundKeys.none().withSigners(dir.resolve("missing.asc")), dir.resolve("missing.asc"));
        assertProblem("inbound.keyFile.publicOnly", () -> InboundKeys.none().withSecretKeys(bob.publicArmored()), bob.publicArmored());
    }

    @Test
    void aMessageWithoutIntegrityProtectionIsRefused() throws Exception {
        Path f = gpg.gpg(tar, dir.resolve("no-mdc.tar.gpg"), "--rfc2440", "--cipher-algo", "AES256", "--passphrase", SYMMETRIC_PASS, "--symmetric");
        assertProblem("inbound.notProtected", () -> Inbound.open(f, InboundKeys.none().withPassphrase(secret(SYMMETRIC_PASS))), f);
    }

    // ---- damage

    @Test
    void aFlippedByteInTheEncryptedBodyIsTamperingWhateverItHits() throws Exception {
        for (String algo : List.of("zlib", "none")) {
            Path good = gpg.gpg(tar, dir.resolve("flip-" + algo + ".gpg"), "--compress-algo", algo, "--encrypt", "--recipient", bob.fingerprint());
            byte[] b = Files.readAllBytes(good);
            Path f = dir.resolve("flipped-" + algo + ".gpg");
            for (int at : List.of(b.length / 3, b.length / 2, b.length * 2 / 3, b.length - 30)) {
                byte[] copy = b.clone();
                copy[at] ^= 0x10;
                Files.write(f, copy);
                assertProblem("inbound.tampered", () -> readAll(f, bobKeys()), f);
            }
        }
    }

    @Test
    void aFlippedCharacterInTheArmoredBodyIsTamperingAndOneInTheArmorHeaderIsNotOpenPgp() throws Exception {
        Path good = gpg.gpg(tarGz, dir.resolve("flip.asc"), "--armor", "--encrypt", "--recipient", bob.fingerprint());
        String text = Files.readString(good);
        Path f = dir.resolve("flipped.asc");
        int mid = text.length() / 2;
        while (!Character.isLetter(text.charAt(mid))) mid++;
        char c = text.charAt(mid);
        Files.writeString(f, text.substring(0, mid) + (c == 'A' ? 'B' : 'A') + text.substring(mid + 1));
        assertProblem("inbound.tampered", () -> readAll(f, bobKeys()), f);
        Files.writeString(f, text.replace("BEGIN PGP MESSAGE", "BEGIN PGP MESSAGF"));
        assertProblem("inbound.unrecognized", () -> readAll(f, bobKeys()), f);
    }

    @Test
    void everyFlippedByteAndEveryCutOfAnEncryptedFileIsOneOfItsProblemsAndNothingElse() throws Exception {
        Path small = Files.createDirectories(dir.resolve("sweep"));
        Files.write(small.resolve("pgsql.sql"), sql(30_000, 9));
        Path t = InboundGpg.execPath(List.of("tar", "-C", small.toString(), "-czf", "sweep.tar.gz", "."), dir, "sweep.tar.gz");
        Path binary = gpg.gpg(t, dir.resolve("sweep.gpg"), "--encrypt", "--recipient", bob.fingerprint());
        Path armored = gpg.gpg(t, dir.resolve("sweep.asc"), "--armor", "--encrypt", "--recipient", bob.fingerprint());
        Path f = dir.resolve("sweep-copy");
        for (Path whole : List.of(binary, armored)) {
            byte[] b = Files.readAllBytes(whole);
            List<String> wrong = new ArrayList<>();
            for (int at = 1; at < b.length; at += b.length / 150) {
                byte[] c = b.clone();
                c[at] ^= whole == armored ? 0x01 : 0x10;
                Files.write(f, c);
                String flipped = outcome(f);
                // Past the session key packet, inside the encrypted data, only the integrity check can speak. Before it, a
                // flipped length can make random key bytes read as an old unprotected packet: refused as that (seen at byte 1).
                boolean ok = at >= 200 && whole == binary ? flipped.equals("inbound.tampered")
                        : List.of("inbound.tampered", "inbound.damaged", "inbound.cutShort", "inbound.unrecognized", "inbound.notProtected").contains(flipped);
                // A line break of the armor turned into another blank leaves the message itself unchanged.
                boolean blank = whole == armored && (b[at] == '\n' || b[at] == '\r') && flipped.equals("OK");
                if (!ok && !blank) wrong.add("flip " + at + " (" + (b[at] & 0xff) + "): " + flipped);
                Files.write(f, java.util.Arrays.copyOf(b, at));
                String cut = outcome(f);
                if (!cut.equals(at < 30 && whole == armored ? "inbound.unrecognized" : "inbound.cutShort")) wrong.add("cut " + at + ": " + cut);
            }
            assertEquals(List.of(), wrong, whole.getFileName().toString());
        }
    }

    /** The message key of the Problem reading {@code f} ends in, "OK", or what else was thrown. */
    private static String outcome(Path f) {
        try {
            readAll(f, bobKeys());
            return "OK";
        } catch (Problem p) {
            for (String k : List.of("tampered", "damaged", "cutShort", "unrecognized", "trailing", "notProtected")) {
                if (p.what().equals(Messages.get("inbound." + k + ".what", f))) return "inbound." + k;
            }
            return p.what();
        } catch (Throwable e) {
            return "thrown " + e;
        }
    }

    @Test
    void aFileCutShortIsSaidToBeCutShort() throws Exception {
        Path binary = gpg.gpg(tarGz, dir.resolve("cut.gpg"), "--encrypt", "--recipient", bob.fingerprint());
        Path armored = gpg.gpg(tarGz, dir.resolve("cut.asc"), "--armor", "--encrypt", "--recipient", bob.fingerprint());
        Path signedOnly = gpg.gpg(tar, dir.resolve("cut-signed.gpg"), "--local-user", bob.fingerprint(), "--sign");
        Path f = dir.resolve("cut-copy");
        for (Path whole : List.of(binary, armored, signedOnly, tar, tarGz, tarZst)) {
            byte[] b = Files.readAllBytes(whole);
            // A tar's last bytes are zero padding after its end records: there only the middle counts.
            for (int at : whole == tar ? List.of(b.length / 2) : List.of(b.length / 2, b.length - 40)) {
                Files.write(f, java.util.Arrays.copyOf(b, at));
                assertProblem("inbound.cutShort", () -> readAll(f, bobKeys()), f);
            }
        }
    }

    @Test
    void aFileOfRandomBytesIsNeitherOpenPgpNorAnArchive() throws Exception {
        byte[] b = new byte[100_000];
        new Random(7).nextBytes(b);
        Path f = dir.resolve("random.bin");
        Files.write(f, b);
        assertProblem("inbound.unrecognized", () -> Inbound.open(f, bobKeys()), f);
        Path empty = Files.write(dir.resolve("empty.gpg"), new byte[0]);
        assertProblem("inbound.unrecognized", () -> Inbound.open(empty, bobKeys()), empty);
        assertProblem("inbound.unreadable", () -> Inbound.open(dir.resolve("nowhere.gpg"), bobKeys()), dir.resolve("nowhere.gpg"));
    }

    @Test
    void dataAfterTheMessageIsRefused() throws Exception {
        Path binary = gpg.gpg(tar, dir.resolve("trailing.gpg"), "--encrypt", "--recipient", bob.fingerprint());
        Files.write(binary, "garbage".getBytes(StandardCharsets.US_ASCII), java.nio.file.StandardOpenOption.APPEND);
        assertProblem("inbound.trailing", () -> readAll(binary, bobKeys()), binary);
        Path armored = gpg.gpg(tar, dir.resolve("trailing.asc"), "--armor", "--encrypt", "--recipient", bob.fingerprint());
        Files.write(armored, "\n\nmore text\n".getBytes(StandardCharsets.US_ASCII), java.nio.file.StandardOpenOption.APPEND);
        assertProblem("inbound.trailing", () -> readAll(armored, bobKeys()), armored);
        Path plain = Files.copy(tarGz, dir.resolve("trailing.tar.gz"));
        Files.write(plain, "garbage".getBytes(StandardCharsets.US_ASCII), java.nio.file.StandardOpenOption.APPEND);
        Problem p = assertThrows(Problem.class, () -> readAll(plain, bobKeys()));
        assertTrue(p.what().equals(Messages.get("inbound.trailing.what", plain)) || p.what().equals(Messages.get("inbound.damaged.what", plain)), p.what());
    }

    // ---- memory

    @Test
    void aLargeEntryStreamsThroughWithoutBeingHeld() throws Exception {
        long size = 200L * 1024 * 1024;
        Path big = dir.resolve("big.tar.zst");
        try (OutputStream out = new com.github.luben.zstd.ZstdOutputStream(Files.newOutputStream(big));
             var t = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(out)) {
            var e = new org.apache.commons.compress.archivers.tar.TarArchiveEntry("big/pgsql.sql");
            e.setSize(size);
            t.putArchiveEntry(e);
            byte[] block = sql(1 << 16, 3);
            for (long done = 0; done < size; done += block.length) t.write(block);
            t.closeArchiveEntry();
        }
        Path f = gpg.gpg(big, dir.resolve("big.tar.zst.gpg"), "--compress-algo", "none", "--encrypt", "--recipient", bob.fingerprint());
        var memory = java.lang.management.ManagementFactory.getMemoryMXBean();
        System.gc();
        long before = memory.getHeapMemoryUsage().getUsed();
        long[] most = {0};
        Inbound.Verdict v;
        try (Inbound in = Inbound.open(f, bobKeys())) {
            v = in.entries((name, n, data) -> {
                byte[] buf = new byte[1 << 16];
                long read = 0;
                for (int r; (r = data.read(buf)) != -1; ) {
                    read += r;
                    if (read % (50L << 20) < r) {
                        System.gc();
                        most[0] = Math.max(most[0], memory.getHeapMemoryUsage().getUsed() - before);
                    }
                }
                assertEquals(size, read);
            });
        }
        assertEquals(size, v.entries().get(0).size());
        assertTrue(most[0] < 64L << 20, "heap grew by " + (most[0] >> 20) + " MiB while streaming");
    }

    // ---- helpers

    static InboundKeys bobKeys() {
        return InboundKeys.none().withSecretKeys(bob.secretArmored());
    }

    static InboundKeys aliceKeys() {
        return InboundKeys.none().withSecretKeys(alice.secretArmored()).withKeyPassphrase(() -> secret(InboundGpg.ALICE_PASS));
    }

    static Inbound.Verdict readAll(Path f, InboundKeys keys) throws IOException {
        try (Inbound in = Inbound.open(f, keys)) {
            return in.entries((n, s, d) -> d.transferTo(OutputStream.nullOutputStream()));
        }
    }

    /** Exactly a Problem, with the sentence of {@code key}. */
    static Problem assertProblem(String key, Executable run, Object... args) {
        Problem p = assertThrows(Problem.class, run);
        assertEquals(Messages.get(key + ".what", args), p.what(), () -> "detail: " + p.detail());
        return p;
    }

    static Secret secret(String s) {
        return Secret.adopt(s.toCharArray());
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Text that looks like a dump, {@code size} bytes. */
    static byte[] sql(int size, long seed) {
        Random r = new Random(seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream(size + 100);
        while (out.size() < size) {
            out.writeBytes(("INSERT INTO repo VALUES (" + r.nextInt(1_000_000) + ", 'github.com/o/r" + r.nextInt(9999) + "');\n").getBytes(StandardCharsets.US_ASCII));
        }
        return java.util.Arrays.copyOf(out.toByteArray(), size);
    }

    static int indexOf(byte[] b, byte[] what) {
        outer:
        for (int i = b.length / 2; i <= b.length - what.length; i++) {
            for (int j = 0; j < what.length; j++) if (b[i + j] != what[j]) continue outer;
            return i;
        }
        throw new IllegalArgumentException("not found");
    }
}
