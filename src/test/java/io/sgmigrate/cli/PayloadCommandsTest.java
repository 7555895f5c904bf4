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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code payload inspect} and {@code payload unpack} on a customer's archive made with Commons Compress and real gpg. */
class PayloadCommandsTest {
    @TempDir
    Path dir;
    private byte[] frontend;
    private Path tgz;
    private Path encrypted;
    private Path pass;

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
        Path home = Files.createDirectories(dir.resolve("gnupg"));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
        encrypted = dir.resolve("customer.tar.gz.gpg");
        Process p = new ProcessBuilder("gpg", "--homedir", home.toString(), "--batch", "--pinentry-mode", "loopback", "--passphrase", "the passphrase",
                "--symmetric", "--output", encrypted.toString(), tgz.toString()).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), said);
        pass = Files.writeString(dir.resolve("pass.txt"), "the passphrase\n");
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
