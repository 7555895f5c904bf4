package io.sgmigrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code payload inspect} and {@code payload unpack} on a customer's archive made with Commons Compress and real gpg, opened by a passphrase or a GnuPG keyring. */
class PayloadCommandsTest {
    @TempDir
    Path dir;
    private byte[] frontend;
    private Path tgz;
    private Path encrypted;
    private Path pass;
    private Path home;

    @BeforeEach
    void files() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/io/sgmigrate/engine/dump/pg_dump-create-clean.sql")) {
            frontend = in.readAllBytes();
        }
        tgz = dir.resolve("customer.tar.gz");
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(Files.newOutputStream(tgz)))) {
            TarArchiveEntry e = new TarArchiveEntry("src-snapshot/pgsql.sql");
            e.setSize(frontend.length);
            tar.putArchiveEntry(e);
            tar.write(frontend);
            tar.closeArchiveEntry();
        }
        home = Files.createDirectories(dir.resolve("gnupg"));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
        encrypted = dir.resolve("customer.tar.gz.gpg");
        Process p = new ProcessBuilder("gpg", "--homedir", home.toString(), "--batch", "--pinentry-mode", "loopback", "--passphrase", "the passphrase",
                "--symmetric", "--output", encrypted.toString(), tgz.toString()).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), said);
        pass = Files.writeString(dir.resolve("pass.txt"), "the passphrase\n");
    }

    @AfterEach
    void noAgentLeft() throws Exception {
        for (Path h : List.of(home, dir.resolve("elsewhere"))) {
            if (Files.isDirectory(h)) gpg(h, "gpgconf", List.of("--kill", "gpg-agent"));
        }
    }

    /** Runs gpg (or gpgconf) on keyring {@code h}; returns what it printed, failing the test when it fails. */
    private static String gpg(Path h, String tool, List<String> args) throws Exception {
        List<String> argv = new java.util.ArrayList<>(List.of(tool, "--homedir", h.toString()));
        if (tool.equals("gpg")) argv.addAll(List.of("--batch", "--yes", "--pinentry-mode", "loopback", "--trust-model", "always"));
        argv.addAll(args);
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", argv) + ": " + said);
        return said;
    }

    /** A key pair (ed25519 signing, cv25519 encryption subkey) in keyring {@code h}; returns its fingerprint. */
    private static String newKey(Path h, String uid, String passphrase) throws Exception {
        gpg(h, "gpg", List.of("--passphrase", passphrase, "--quick-gen-key", uid, "ed25519", "default", "never"));
        String fpr = gpg(h, "gpg", List.of("--with-colons", "--list-secret-keys", uid)).lines().filter(l -> l.startsWith("fpr:")).findFirst().orElseThrow().split(":")[9];
        gpg(h, "gpg", List.of("--passphrase", passphrase, "--quick-add-key", fpr, "cv25519", "encr", "never"));
        return fpr;
    }

    /** The archive encrypted to {@code recipient} of keyring {@code h}, signed by {@code signer} (unprotected) when given. */
    private Path encryptedTo(Path h, String recipient, String signer, String name) throws Exception {
        Path out = dir.resolve(name);
        List<String> args = new java.util.ArrayList<>(List.of("--passphrase", "", "--armor", "--output", out.toString()));
        if (signer != null) args.addAll(List.of("--sign", "--local-user", signer));
        args.addAll(List.of("--encrypt", "--recipient", recipient, tgz.toString()));
        gpg(h, "gpg", args);
        gpg(h, "gpgconf", List.of("--kill", "gpg-agent"));   // no passphrase cached from making the keys: sgmigrate must give it
        return out;
    }

    @Test
    void theKeyringOpensAFileEncryptedToOneOfItsKeysAndItsPublicKeysAreKnownSigners() throws Exception {
        String support = newKey(home, "Support <support@example.com>", "key passphrase");
        String customer = newKey(home, "Customer <admin@customer.example>", "");
        Path f = encryptedTo(home, support, customer, "customer.tar.gz.asc");
        Path keyPass = Files.writeString(dir.resolve("keypass.txt"), "key passphrase\n");
        List<String> before;
        try (Stream<Path> s = Files.list(dir)) {
            before = s.map(Path::toString).sorted().toList();
        }
        CliTest.Run r = CliTest.run("payload", "inspect", f.toString(), "--gnupg-home", home.toString(), "--key-passphrase-file", keyPass.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().startsWith("Verdict: every check passed\nSignature: signed by a known key " + customer), r.out());
        assertTrue(r.out().contains("OpenPGP message, encrypted to key "), r.out());
        assertTrue(r.out().contains("Layout: src snapshot databases (src-snapshot/pgsql.sql)"), r.out());
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(before, s.map(Path::toString).sorted().toList(), "nothing written beside the file: no key, no plain archive");
        }
        assertFalse((r.out() + r.err()).contains("key passphrase"), "the passphrase is never shown");

        Path wrong = Files.writeString(dir.resolve("wrong.txt"), "not it\n");
        CliTest.Run bad = CliTest.run("payload", "inspect", f.toString(), "--gnupg-home", home.toString(), "--key-passphrase-file", wrong.toString());
        assertTrue(bad.code() != 0, bad.out());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());
        assertTrue(bad.err().contains("The passphrase of the secret key") && bad.err().contains("is wrong"), bad.err());

        CliTest.Run unattended = CliTest.run("payload", "inspect", f.toString(), "--gnupg-home", home.toString());
        assertTrue(unattended.code() != 0, unattended.out());
        assertTrue(unattended.err().contains("from the GnuPG keyring " + home) && unattended.err().contains("no terminal to ask"), unattended.err());
    }

    @Test
    void aFileForAKeyTheKeyringLacksNamesTheKeysItWasEncryptedTo() throws Exception {
        newKey(home, "Support <support@example.com>", "");
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.setPosixFilePermissions(elsewhere, PosixFilePermissions.fromString("rwx------"));
        String other = newKey(elsewhere, "Someone else <else@example.com>", "");
        Path f = encryptedTo(elsewhere, other, null, "for-someone-else.tar.gz.asc");
        String subkey = gpg(elsewhere, "gpg", List.of("--with-colons", "--list-keys", other)).lines().filter(l -> l.startsWith("sub:"))
                .findFirst().orElseThrow().split(":")[4];
        CliTest.Run r = CliTest.run("payload", "inspect", f.toString(), "--gnupg-home", home.toString());
        assertTrue(r.code() != 0, r.out());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(subkey) && r.err().contains("the GnuPG keyring " + home + " holds the secret key of none of them"), r.err());

        CliTest.Run none = CliTest.run("payload", "inspect", f.toString(), "--gnupg-home", dir.resolve("no-such-keyring").toString());
        assertTrue(none.code() != 0, none.out());
        assertTrue(none.err().contains("no-such-keyring does not exist"), none.err());
    }

    @Test
    void inspectSaysWhatACustomersFileIsVerdictFirst() {
        CliTest.Run r = CliTest.run("payload", "inspect", encrypted.toString(), "--passphrase-file", pass.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().startsWith("Verdict: every check passed\nSignature: UNSIGNED"), r.out());
        assertTrue(r.out().contains("Kind: tar.gz in a binary OpenPGP message, encrypted to a passphrase"), r.out());
        assertTrue(r.out().contains("Layout: src snapshot databases (src-snapshot/pgsql.sql)"), r.out());
        assertTrue(r.out().contains("Data: Sourcegraph 5.0.5"), r.out());
        assertTrue(r.out().contains("CREATE DATABASE \u00d71"), r.out());

        CliTest.Run plain = CliTest.run("payload", "inspect", tgz.toString(), "--json");
        assertEquals(0, plain.code(), plain.out() + plain.err());
        assertTrue(plain.out().contains("\"encrypted\" : false"), plain.out());
        assertTrue(plain.out().contains("NOT ENCRYPTED"), plain.out());
    }

    @Test
    void anEncryptedFileWithoutItsPassphraseIsOneLine() {
        CliTest.Run r = CliTest.run("payload", "inspect", encrypted.toString());
        assertTrue(r.code() != 0, r.out());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("passphrase"), r.err());
    }

    @Test
    void unpackWritesOwnerOnlyFilesIntoANewFolderWithAWarning() throws Exception {
        Path out = dir.resolve("plain");
        CliTest.Run r = CliTest.run("payload", "unpack", encrypted.toString(), "--passphrase-file", pass.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("WARNING") && r.err().contains("unencrypted"), r.err());
        Path sql = out.resolve("src-snapshot/pgsql.sql");
        assertEquals(List.of(sql.toString()), r.out().lines().toList());
        assertTrue(java.util.Arrays.equals(frontend, Files.readAllBytes(sql)), "the entry as it was, not filtered");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("src-snapshot"))));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(sql)));

        CliTest.Run again = CliTest.run("payload", "unpack", encrypted.toString(), "--passphrase-file", pass.toString(), "--out", out.toString());
        assertTrue(again.code() != 0);
        assertTrue(again.err().contains("already exists"), again.err());
    }

    @Test
    void aTamperedFileLeavesNoFolderAndNoPartialFilesBehind() throws IOException {
        byte[] b = Files.readAllBytes(encrypted);
        b[b.length / 2] ^= 0x10;
        Path bad = Files.write(dir.resolve("bad.gpg"), b);
        Path out = dir.resolve("plain");
        CliTest.Run r = CliTest.run("payload", "unpack", bad.toString(), "--passphrase-file", pass.toString(), "--out", out.toString());
        assertTrue(r.code() != 0, r.out());
        assertTrue(r.err().contains("was changed or damaged"), r.err());
        assertFalse(Files.exists(out));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().contains("partial")).toList());
        }
    }
}
