package io.sgmigrate.engine.payload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.secret.Secret;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.jcajce.JcaKeyFingerprintCalculator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PayloadTest {
    private static final String PASS = "a long random passphrase, 1234";
    @TempDir
    Path dir;

    static Map<String, byte[]> sampleMembers() {
        Random r = new Random(7);
        byte[] big = new byte[10_000 + 4096 * 3];
        r.nextBytes(big);
        byte[] sql = "CREATE TABLE t (id int);\nCOPY t FROM stdin;\n1\n\\.\n".repeat(300).getBytes(StandardCharsets.UTF_8);
        return Map.of("dumps/sourcegraph.sql", sql, "dumps/codeintel.sql", big, "snapshot.json", new byte[0]);
    }

    private static byte[] write(Protection p, Compression c, Map<String, byte[]> members, boolean armored) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PayloadWriter w = new PayloadWriter(out, p, c, 4096, armored, null)) {
            w.meta("source", "ssh://sgold@127.0.0.1:2221");
            for (String name : members.keySet().stream().sorted().toList()) w.addMember(name, new ByteArrayInputStream(members.get(name)));
            w.finish();
        }
        return out.toByteArray();
    }

    private static Map<String, byte[]> read(byte[] payload, PayloadReader.Unlock unlock) {
        Map<String, ByteArrayOutputStream> got = new HashMap<>();
        PayloadReader.read(new ByteArrayInputStream(payload), unlock, name -> got.computeIfAbsent(name, k -> new ByteArrayOutputStream()));
        Map<String, byte[]> out = new HashMap<>();
        got.forEach((k, v) -> out.put(k, v.toByteArray()));
        return out;
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void roundTripWithAPassphraseKeepsEveryByteAndChecksEveryPart(Compression c) throws IOException {
        Map<String, byte[]> members = sampleMembers();
        byte[] payload = write(Protection.passphrase(Secret.adopt(PASS.toCharArray())), c, members, false);
        Map<String, byte[]> got = read(payload, new PayloadReader.Unlock.Passphrase(Secret.adopt(PASS.toCharArray())));
        assertEquals(members.keySet(), got.keySet());
        for (String k : members.keySet()) assertArrayEquals(members.get(k), got.get(k), k);
    }

    @Test
    void theManifestNamesEveryPartWithItsChecksum() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Manifest m;
        try (PayloadWriter w = new PayloadWriter(out, Protection.passphrase(Secret.adopt(PASS.toCharArray())), Compression.GZIP, 4096, false, null)) {
            w.addMember("dumps/a.sql", new ByteArrayInputStream(new byte[4096 * 2 + 1]));
            m = w.finish();
        }
        Manifest.Member a = m.member("dumps/a.sql");
        assertEquals(8193, a.size());
        assertEquals(List.of("members/dumps/a.sql/part-000001.gz", "members/dumps/a.sql/part-000002.gz", "members/dumps/a.sql/part-000003.gz"),
                a.parts().stream().map(Manifest.Part::entry).toList());
        assertEquals(1, a.parts().get(2).size());
    }

    @Test
    void aWrongPassphraseIsSaidPlainly() throws IOException {
        byte[] payload = write(Protection.passphrase(Secret.adopt(PASS.toCharArray())), Compression.GZIP, sampleMembers(), false);
        Problem p = assertThrows(Problem.class, () -> read(payload, new PayloadReader.Unlock.Passphrase(Secret.adopt("nope".toCharArray()))));
        assertEquals(Problem.Kind.AUTHENTICATION, p.kind());
        assertEquals("The passphrase does not open this payload, or the payload's header is damaged.", p.what());
    }

    @Test
    void aFlippedByteOrACutOffEndIsRejected() throws IOException {
        byte[] payload = write(Protection.passphrase(Secret.adopt(PASS.toCharArray())), Compression.NONE, sampleMembers(), false);
        byte[] flipped = payload.clone();
        flipped[payload.length / 2] ^= 0x01;
        Problem p1 = assertThrows(Problem.class, () -> read(flipped, new PayloadReader.Unlock.Passphrase(Secret.adopt(PASS.toCharArray()))));
        assertEquals(Problem.Kind.INPUT, p1.kind());
        byte[] cut = java.util.Arrays.copyOf(payload, payload.length - 300);
        Problem p2 = assertThrows(Problem.class, () -> read(cut, new PayloadReader.Unlock.Passphrase(Secret.adopt(PASS.toCharArray()))));
        assertEquals(Problem.Kind.INPUT, p2.kind());
    }

    @Test
    void notAPayloadAtAll() {
        Problem p = assertThrows(Problem.class, () -> read("just text, not OpenPGP".getBytes(StandardCharsets.UTF_8),
                new PayloadReader.Unlock.Passphrase(Secret.adopt(PASS.toCharArray()))));
        assertEquals(Problem.Kind.INPUT, p.kind());
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void gpgAndTarOpenItAndCatReassemblesTheMembers(Compression c) throws Exception {
        requireTool("gpg");
        if (c != Compression.NONE) requireTool(c.decompressCommand().get(0));
        Map<String, byte[]> members = sampleMembers();
        Path file = dir.resolve("payload.tar.asc");
        Files.write(file, write(Protection.passphrase(Secret.adopt(PASS.toCharArray())), c, members, true));
        Path gnupg = Files.createDirectories(dir.resolve("gnupg"));
        run(PASS, "gpg", "--homedir", gnupg.toString(), "--batch", "--pinentry-mode", "loopback", "--passphrase-fd", "0",
                "--output", dir.resolve("payload.tar").toString(), "--decrypt", file.toString());
        Path x = Files.createDirectories(dir.resolve("x"));
        run(null, "tar", "-xf", dir.resolve("payload.tar").toString(), "-C", x.toString());
        assertTrue(Files.isRegularFile(x.resolve("manifest.json")));
        // The documented line: the parts in order, through gzip -dc or zstd -dc, are the member.
        byte[] joined = run(null, "sh", "-c", "cd " + x + " && " + c.joinCommand("dumps/codeintel.sql"));
        assertArrayEquals(members.get("dumps/codeintel.sql"), joined);
        assertTrue(Files.isRegularFile(x.resolve("members/dumps/codeintel.sql/part-000001" + c.partSuffix())));
    }

    @Test
    void encryptedToAGpgKeyOpensWithGpgAndWithItsSecretKey() throws Exception {
        requireTool("gpg");
        Path gnupg = Files.createDirectories(dir.resolve("gnupg"));
        Files.setPosixFilePermissions(gnupg, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        String[] g = {"gpg", "--homedir", gnupg.toString(), "--batch", "--pinentry-mode", "loopback", "--passphrase", ""};
        run(null, concat(g, "--quick-gen-key", "Support <support@example.invalid>", "default", "default", "never"));
        byte[] pub = run(null, concat(g, "--armor", "--export", "support@example.invalid"));
        Path pubFile = dir.resolve("support.asc");
        Files.write(pubFile, pub);
        Protection.Recipient r = Protection.recipientFromFile(pubFile);
        assertTrue(r.userId().contains("support@example.invalid"), r.userId());

        Map<String, byte[]> members = sampleMembers();
        Path file = dir.resolve("payload.tar.zst.gpg");
        Files.write(file, write(r, Compression.ZSTD, members, false));
        Path tarFile = dir.resolve("payload.tar.zst");
        run(null, concat(g, "--output", tarFile.toString(), "--decrypt", file.toString()));
        assertTrue(Files.size(tarFile) > 0);

        byte[] sec = run(null, concat(g, "--export-secret-keys", "support@example.invalid"));
        PGPSecretKeyRingCollection keys = new PGPSecretKeyRingCollection(PGPUtil.getDecoderStream(new ByteArrayInputStream(sec)),
                new JcaKeyFingerprintCalculator());
        Map<String, byte[]> got = read(Files.readAllBytes(file), new PayloadReader.Unlock.SecretKeys(keys, null));
        assertArrayEquals(members.get("dumps/sourcegraph.sql"), got.get("dumps/sourcegraph.sql"));
    }

    @Test
    void hostileEntriesAreRefusedBeforeAnythingIsWrittenForThem() throws Exception {
        for (String evil : List.of("../../etc/passwd", "/etc/cron.d/x", "members/x/../../y/part-000001", "link")) {
            ByteArrayOutputStream tarBytes = new ByteArrayOutputStream();
            try (TarArchiveOutputStream t = new TarArchiveOutputStream(tarBytes)) {
                TarArchiveEntry e = evil.equals("link") ? new TarArchiveEntry("members/a/part-000001", TarArchiveEntry.LF_SYMLINK)
                        : new TarArchiveEntry(evil, true);
                if (evil.equals("link")) e.setLinkName("/etc/shadow");
                else e.setSize(3);
                t.putArchiveEntry(e);
                if (!evil.equals("link")) t.write(new byte[] {1, 2, 3});
                t.closeArchiveEntry();
            }
            byte[] payload = encryptRawTar(tarBytes.toByteArray());
            List<String> opened = new java.util.ArrayList<>();
            Problem p = assertThrows(Problem.class, () -> PayloadReader.read(new ByteArrayInputStream(payload),
                    new PayloadReader.Unlock.Passphrase(Secret.adopt(PASS.toCharArray())), name -> {
                        opened.add(name);
                        return OutputStream.nullOutputStream();
                    }), evil);
            assertEquals(Problem.Kind.INPUT, p.kind(), evil);
            assertTrue(p.what().startsWith("The payload holds an entry that is not allowed"), p.what());
            assertEquals(List.of(), opened, evil);
        }
    }

    @Test
    void aPartThatInflatesBeyondAnyPartSizeIsRefused() throws Exception {
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (var z = new com.github.luben.zstd.ZstdOutputStream(bomb, 19)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i <= PayloadWriter.MAX_PART_SIZE >> 20; i++) z.write(zeros);
        }
        long[] written = {0};
        Problem p = assertThrows(Problem.class, () -> PayloadReader.read(new ByteArrayInputStream(encryptRawTar(tarOf("members/a/part-000001.zst", bomb.toByteArray()))),
                new PayloadReader.Unlock.Passphrase(Secret.adopt(PASS.toCharArray())), name -> new OutputStream() {
                    @Override
                    public void write(int b) {
                        written[0]++;
                    }

                    @Override
                    public void write(byte[] b, int off, int len) {
                        written[0] += len;
                    }
                }));
        assertTrue(p.what().startsWith("The payload holds an entry that is not allowed: members/a/part-000001.zst"), p.what());
        assertTrue(written[0] <= PayloadWriter.MAX_PART_SIZE, "stopped at the limit: " + written[0]);
    }

    @Test
    void partsCompressedTwoWaysAreRefused() throws Exception {
        ByteArrayOutputStream tarBytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(tarBytes)) {
            for (var part : Map.of("members/a/part-000001.gz", Compression.GZIP.packAll(new byte[10]),
                    "members/a/part-000002.zst", Compression.ZSTD.packAll(new byte[10])).entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
                TarArchiveEntry e = new TarArchiveEntry(part.getKey());
                e.setSize(part.getValue().length);
                t.putArchiveEntry(e);
                t.write(part.getValue());
                t.closeArchiveEntry();
            }
        }
        Problem p = assertThrows(Problem.class, () -> PayloadReader.read(new ByteArrayInputStream(encryptRawTar(tarBytes.toByteArray())),
                new PayloadReader.Unlock.Passphrase(Secret.adopt(PASS.toCharArray())), name -> OutputStream.nullOutputStream()));
        assertEquals("The payload holds an entry that is not allowed: members/a/part-000002.zst.", p.what());
    }

    @Test
    void aWholeCompressedTarOfTheUnreleasedFirstFormatIsNamedAsSuch() throws Exception {
        byte[] payload = encryptRawTar(tarOf("members/a/part-000001", new byte[3]), "payload.tar.zst");
        Problem p = assertThrows(Problem.class, () -> PayloadReader.read(new ByteArrayInputStream(payload),
                new PayloadReader.Unlock.Passphrase(Secret.adopt(PASS.toCharArray())), name -> OutputStream.nullOutputStream()));
        assertEquals("The payload was made in format 1, which this version of sgmigrate does not know.", p.what());
    }

    private static byte[] tarOf(String entry, byte[] data) throws IOException {
        ByteArrayOutputStream tarBytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(tarBytes)) {
            TarArchiveEntry e = new TarArchiveEntry(entry);
            e.setSize(data.length);
            t.putArchiveEntry(e);
            t.write(data);
            t.closeArchiveEntry();
        }
        return tarBytes.toByteArray();
    }

    private static byte[] encryptRawTar(byte[] tar) throws Exception {
        return encryptRawTar(tar, "payload.tar");
    }

    /** An OpenPGP-encrypted stream around arbitrary tar bytes, as a hostile sender could make with gpg. */
    private static byte[] encryptRawTar(byte[] tar, String literalName) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        var data = new org.bouncycastle.openpgp.operator.jcajce.JcePGPDataEncryptorBuilder(org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags.AES_256)
                .setWithIntegrityPacket(true).setSecureRandom(new java.security.SecureRandom()).setProvider(PayloadWriter.BC);
        var gen = new org.bouncycastle.openpgp.PGPEncryptedDataGenerator(data);
        gen.addMethod(new org.bouncycastle.openpgp.operator.jcajce.JcePBEKeyEncryptionMethodGenerator(PASS.toCharArray()).setProvider(PayloadWriter.BC));
        try (OutputStream enc = gen.open(out, new byte[4096])) {
            var lit = new org.bouncycastle.openpgp.PGPLiteralDataGenerator();
            try (OutputStream l = lit.open(enc, org.bouncycastle.openpgp.PGPLiteralData.BINARY, literalName, tar.length, new java.util.Date())) {
                l.write(tar);
            }
        }
        return out.toByteArray();
    }

    private static void requireTool(String tool) throws Exception {
        boolean present = new ProcessBuilder("sh", "-c", "command -v " + tool).start().waitFor() == 0;
        if (!present && "1".equals(System.getenv("SGMIGRATE_LAB_REQUIRED"))) throw new AssertionError(tool + " is required");
        Assumptions.assumeTrue(present, tool + " is not installed (apt-get install " + (tool.equals("gpg") ? "gnupg" : tool) + ")");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] run(String stdin, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) in.write((stdin + "\n").getBytes(StandardCharsets.UTF_8));
        }
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), String.join(" ", cmd));
        return out;
    }
}
