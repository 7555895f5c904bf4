package io.sgmigrate.engine.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.engine.Messages;
import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.payload.CheckKey;
import io.sgmigrate.engine.payload.Compression;
import io.sgmigrate.engine.payload.PayloadReader;
import io.sgmigrate.engine.payload.Protection;
import io.sgmigrate.engine.secret.Secret;
import io.sgmigrate.engine.shell.RemoteCommand;
import io.sgmigrate.engine.ssh.SshConnection;
import io.sgmigrate.support.EmbeddedSshCase;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A payload written here from a real SSH host's command output: under its final name only when complete, owner-only, with its checksum file. */
class LocalPayloadFileTest extends EmbeddedSshCase {

    private static PayloadTransfer transfer(CheckKey check) {
        return new PayloadTransfer(List.of(Protection.passphrase(Secret.adopt("local file test".toCharArray())), check.recipient()), Compression.ZSTD, 1 << 20)
                .armored(true).withReadme("how to open it\n").withMember("config/site-config.json", "{\n  // kept\n}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aCompleteFileIsRenamedOwnerOnlyWithItsChecksumAndReadsBackWithTheCheckKey() throws Exception {
        byte[] a = new byte[2_500_000];
        new Random(9).nextBytes(a);
        Path src = dir.resolve("a.bin");
        Files.write(src, a);
        Path out = dir.resolve("out/customer.payload.asc");
        Files.createDirectories(out.getParent());
        CheckKey check = CheckKey.generate();
        StagedPayload p;
        try (SshConnection source = connect()) {
            p = transfer(check).run(source, List.of(new PayloadTransfer.Source("dumps/sourcegraph.sql", RemoteCommand.of("cat", src.toString()))),
                    new LocalPayloadFile(out), n -> {}, null);
        }
        assertEquals(out.toAbsolutePath().toString(), p.path());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
        assertEquals(Files.size(out), p.encryptedBytes());
        assertFalse(Files.exists(LocalPayloadFile.partial(out)));
        assertTrue(Files.readString(out).startsWith("-----BEGIN PGP MESSAGE-----"), "armored");
        String sums = Files.readString(LocalPayloadFile.checksumFile(out));
        assertEquals(p.sha256() + "  customer.payload.asc\n", sums);
        assertEquals(p.sha256(), java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(out))));
        Map<String, ByteArrayOutputStream> got = new HashMap<>();
        try (InputStream in = Files.newInputStream(out)) {
            PayloadReader.read(in, check.unlock(), m -> got.computeIfAbsent(m, k -> new ByteArrayOutputStream()));
        }
        assertArrayEquals(a, got.get("dumps/sourcegraph.sql").toByteArray());
        assertEquals("{\n  // kept\n}", got.get("config/site-config.json").toString(StandardCharsets.UTF_8));
        // A second create to the same name never overwrites it.
        Problem again = assertThrows(Problem.class, () -> LocalPayloadFile.checkUsable(out));
        assertEquals(Messages.get("payload.create.exists.what", out.toAbsolutePath()), again.what());
    }

    @Test
    void aDumpThatFailsLeavesNothingUnderEitherName() throws Exception {
        Path out = dir.resolve("broken.payload.gpg");
        Files.writeString(LocalPayloadFile.partial(out), "left by an interrupted earlier run");
        try (SshConnection source = connect()) {
            Problem p = assertThrows(Problem.class, () -> transfer(CheckKey.generate()).run(source,
                    List.of(new PayloadTransfer.Source("dumps/sourcegraph.sql", RemoteCommand.of("sh", "-c", "head -c 3000000 /dev/urandom; exit 3"))),
                    new LocalPayloadFile(out), n -> {}, null));
            assertTrue(p.what().contains("failed with exit code 3"), p.oneLine());
        }
        assertFalse(Files.exists(out));
        assertFalse(Files.exists(LocalPayloadFile.partial(out)), "the temporary file is removed, an earlier run's too");
        assertFalse(Files.exists(LocalPayloadFile.checksumFile(out)));
    }

    /** A migration's own payload: a resume that sends it again replaces the run's earlier file; removed with what is beside it. */
    @Test
    void aRunsOwnPayloadIsReplacedWhenSentAgainAndRemovedWhole() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("run-folder"));
        Path out = folder.resolve("run-0123abcd.payload.gpg");
        Files.writeString(out, "the run's earlier payload, damaged since");
        Files.writeString(LocalPayloadFile.partial(out), "left by a kill");
        Path src = folder.resolve("dump.sql");
        Files.write(src, new byte[300_000]);
        StagedPayload p;
        try (SshConnection source = connect()) {
            p = transfer(CheckKey.generate()).run(source, List.of(new PayloadTransfer.Source("dumps/sourcegraph.sql", RemoteCommand.of("cat", src.toString()))),
                    LocalPayloadFile.ofRun(out), n -> {}, null);
        }
        assertEquals(p.sha256(), LocalPayloadFile.sha256(out), "the new payload replaced the old one");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
        assertFalse(Files.exists(LocalPayloadFile.partial(out)));
        assertTrue(Files.exists(LocalPayloadFile.checksumFile(out)));
        assertEquals("", LocalPayloadFile.sha256(folder.resolve("missing.gpg")), "a missing file has no checksum");
        Files.writeString(LocalPayloadFile.partial(out), "left by a kill");
        LocalPayloadFile.remove(out);
        try (var left = Files.list(folder)) {
            assertEquals(List.of("dump.sql"), left.map(x -> x.getFileName().toString()).sorted().toList(), "the payload, its .partial and .sha256 are gone");
        }
        Problem gone = assertThrows(Problem.class, () -> LocalPayloadFile.ofRun(dir.resolve("no/such/run.payload.gpg")).open());
        assertEquals(Messages.get("migrate.kept.folder.what", dir.resolve("no/such").toAbsolutePath()), gone.what());
    }

    @Test
    void aFolderThatIsNotThereIsSaidBeforeAnythingRuns() {
        Path out = dir.resolve("no/such/folder/p.gpg");
        Problem p = assertThrows(Problem.class, () -> LocalPayloadFile.checkUsable(out));
        assertEquals(Messages.get("payload.create.folder.what", out.toAbsolutePath().getParent()), p.what());
    }
}
