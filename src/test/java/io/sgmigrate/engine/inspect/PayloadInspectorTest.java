package io.sgmigrate.engine.inspect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.payload.Compression;
import io.sgmigrate.engine.payload.PayloadWriter;
import io.sgmigrate.engine.payload.Protection;
import io.sgmigrate.engine.secret.Secret;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sgmigrate's own payload, inspected once and read again into sinks, every entry checked against the first reading. */
class PayloadInspectorTest {
    @TempDir
    Path dir;

    private static final String FRONTEND = "SET x = 1;\nCOPY public.users (id, username) FROM stdin;\n1\talice\n2\tbob\n\\.\nCOPY public.repo (id) FROM stdin;\n7\n\\.\n";
    private static final String CODEINTEL = "COPY public.lsif_uploads (id) FROM stdin;\n1\n2\n3\n\\.\n";

    private Path payload(String name, String frontend) throws Exception {
        return payload(name, frontend, new Protection.Passphrase(Secret.adopt("pw".toCharArray())));
    }

    private Path payload(String name, String frontend, Protection protection) throws Exception {
        Path f = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(f);
             PayloadWriter w = new PayloadWriter(out, protection, Compression.ZSTD, PayloadWriter.DEFAULT_PART_SIZE, true, n -> {})) {
            w.addMember("snapshot.json", new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)));
            w.addMember("dumps/sourcegraph.sql", new ByteArrayInputStream(frontend.getBytes(StandardCharsets.UTF_8)));
            w.addMember("dumps/sourcegraph-codeintel.sql", new ByteArrayInputStream(CODEINTEL.getBytes(StandardCharsets.UTF_8)));
            w.finish();
        }
        return f;
    }

    private static PayloadKeys pw() {
        return PayloadKeys.passphrase(Secret.adopt("pw".toCharArray()));
    }

    @Test
    void anOwnPayloadIsInspectedAndReadAgainByteForByte() throws Exception {
        Path f = payload("run.payload.gpg", FRONTEND);
        PayloadInspection p = PayloadInspector.inspect(f, pw(), n -> {});
        assertTrue(p.passed(), p.problems().toString());
        assertTrue(p.kind().startsWith("sgmigrate payload, ASCII-armored"), p.kind());
        assertEquals(3, p.entries().size());
        assertEquals(Map.of("public.users", 2L, "public.repo", 1L), p.dumps().get(0).rows());
        assertEquals("frontend", p.dumps().get(0).role());
        assertEquals("sourcegraph-codeintel", p.dumps().get(1).source());
        assertEquals(Map.of("public.lsif_uploads", 3L), p.dumps().get(1).rows());
        assertTrue(p.text().startsWith("Verdict: every check passed\nSignature: UNSIGNED"), p.text());

        Map<String, ByteArrayOutputStream> got = new LinkedHashMap<>();
        PayloadInspector.read(f, pw(), p, d -> got.computeIfAbsent(d.role(), x -> new ByteArrayOutputStream()), n -> {});
        assertArrayEquals(FRONTEND.getBytes(StandardCharsets.UTF_8), got.get("frontend").toByteArray());
        assertArrayEquals(CODEINTEL.getBytes(StandardCharsets.UTF_8), got.get("codeintel").toByteArray());
    }

    /** Runs {@code argv} and returns its standard output, failing the test when it fails. */
    private static byte[] exec(List<String> argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor(), String.join(" ", argv));
        return out;
    }

    @Test
    void anOwnPayloadForAKeyOfTheGnupgKeyringOpensWithTheKeyringAlone() throws Exception {
        Path home = Files.createDirectories(dir.resolve("gnupg"));
        Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        List<String> gpg = List.of("gpg", "--homedir", home.toString(), "--batch", "--pinentry-mode", "loopback", "--passphrase", "kp");
        try {
            exec(concat(gpg, "--quick-gen-key", "Support <support@example.com>", "ed25519", "default", "never"));
            String fpr = new String(exec(concat(gpg, "--with-colons", "--list-secret-keys")), StandardCharsets.UTF_8).lines()
                    .filter(l -> l.startsWith("fpr:")).findFirst().orElseThrow().split(":")[9];
            exec(concat(gpg, "--quick-add-key", fpr, "cv25519", "encr", "never"));
            Path pub = Files.write(dir.resolve("support.pub"), exec(concat(gpg, "--export", fpr)));
            org.bouncycastle.openpgp.PGPPublicKey encryption = null;
            for (var it = io.sgmigrate.engine.payload.InboundKeys.readPublicKeys(pub).get(0).getPublicKeys(); it.hasNext(); ) {
                var k = it.next();
                if (!k.isMasterKey() && k.isEncryptionKey()) encryption = k;
            }
            exec(List.of("gpgconf", "--homedir", home.toString(), "--kill", "gpg-agent"));
            Path f = payload("run.payload.gpg", FRONTEND, new Protection.Recipient(encryption, "Support <support@example.com>"));
            int[] asked = new int[1];
            PayloadKeys keys = new PayloadKeys(List.of(), () -> {
                asked[0]++;
                return Secret.adopt("kp".toCharArray());
            }, java.util.Optional.empty(), List.of(), java.util.Optional.empty(),
                    java.util.Optional.of(new io.sgmigrate.engine.payload.GnupgKeyring(java.util.Optional.of(home))));
            PayloadInspection p = PayloadInspector.inspect(f, keys, n -> {});
            assertTrue(p.passed(), p.problems().toString());
            assertTrue(asked[0] > 0, "gpg needed the key's passphrase, and was given it");
            Map<String, ByteArrayOutputStream> got = new LinkedHashMap<>();
            PayloadInspector.read(f, keys, p, d -> got.computeIfAbsent(d.role(), x -> new ByteArrayOutputStream()), n -> {});
            assertArrayEquals(FRONTEND.getBytes(StandardCharsets.UTF_8), got.get("frontend").toByteArray());
        } finally {
            exec(List.of("gpgconf", "--homedir", home.toString(), "--kill", "gpg-agent"));
        }
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new java.util.ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }

    @Test
    void aPinnedSignerRefusesAnUnsignedPayload() throws Exception {
        Path f = payload("run.payload.gpg", FRONTEND);
        Path home = Files.createDirectories(dir.resolve("gnupg-pinned"));
        Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        List<String> gpg = List.of("gpg", "--homedir", home.toString(), "--batch", "--pinentry-mode", "loopback", "--passphrase", "");
        exec(concat(gpg, "--quick-gen-key", "Customer <customer@example.com>", "ed25519", "default", "never"));
        Path customer = Files.write(dir.resolve("customer.asc"), exec(concat(gpg, "--armor", "--export", "customer@example.com")));
        exec(List.of("gpgconf", "--homedir", home.toString(), "--kill", "gpg-agent"));
        PayloadKeys pinned = new PayloadKeys(java.util.List.of(), () -> null, java.util.Optional.of(Secret.adopt("pw".toCharArray())),
                java.util.List.of(), java.util.Optional.of(customer));
        Problem e = assertThrows(Problem.class, () -> PayloadInspector.inspect(f, pinned, n -> {}));
        assertTrue(e.what().contains("is not signed, but a signature by"), e.what());
        assertEquals(Problem.Kind.AUTHENTICATION, e.kind());
    }

    @Test
    void aFileThatChangedSinceItWasInspectedIsRefused() throws Exception {
        Path f = payload("run.payload.gpg", FRONTEND);
        PayloadInspection p = PayloadInspector.inspect(f, pw(), n -> {});
        Files.copy(payload("other.payload.gpg", FRONTEND.replace("bob", "eve")), f, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Problem e = assertThrows(Problem.class, () -> PayloadInspector.read(f, pw(), p, d -> OutputStream.nullOutputStream(), n -> {}));
        assertTrue(e.what().contains("changed since it was checked"), e.what());
    }
}
