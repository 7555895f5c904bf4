package io.sgmigrate.engine.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.payload.Compression;
import io.sgmigrate.engine.payload.PayloadReader;
import io.sgmigrate.engine.payload.PayloadWriter;
import io.sgmigrate.engine.payload.Protection;
import io.sgmigrate.engine.secret.Secret;
import io.sgmigrate.engine.shell.RemoteCommand;
import io.sgmigrate.engine.ssh.SshConnection;
import io.sgmigrate.support.EmbeddedSshCase;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** From one real SSH host's command output into a file on another, through an encrypted payload. */
class PayloadTransferTest extends EmbeddedSshCase {
    static final String PASS = "transfer test passphrase";

    @Test
    void dumpsArriveEncryptedCheckedAndUnderTheFinalNameOnlyWhenComplete() throws Exception {
        byte[] a = new byte[3_000_000];
        new Random(3).nextBytes(a);
        Path srcA = dir.resolve("a.bin");
        Files.write(srcA, a);
        Path staged = dir.resolve("staged/run-1.payload.gpg");
        Files.createDirectories(staged.getParent());
        AtomicLong progress = new AtomicLong();
        StagedPayload p;
        try (SshConnection source = connect(); SshConnection target = connect()) {
            p = new PayloadTransfer(Protection.passphrase(Secret.adopt(PASS.toCharArray())), Compression.ZSTD, 1 << 20)
                    .run(source, List.of(new PayloadTransfer.Source("dumps/a.sql", RemoteCommand.of("cat", srcA.toString())),
                            new PayloadTransfer.Source("dumps/b.sql", RemoteCommand.of("printf", "%s\\n", "it's a dump"))),
                            target, staged.toString(), progress::set);
        }
        assertTrue(Files.isRegularFile(staged));
        assertFalse(Files.exists(Path.of(staged + ".partial")));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(staged)));
        assertEquals(Files.size(staged), p.encryptedBytes());
        assertEquals(a.length + "it's a dump\n".length(), progress.get());
        byte[] raw = Files.readAllBytes(staged);
        assertFalse(new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1).contains("it's a dump"), "nothing in plain text");

        Map<String, ByteArrayOutputStream> got = new HashMap<>();
        try (InputStream in = Files.newInputStream(staged)) {
            PayloadReader.read(in, new PayloadReader.Unlock.Passphrase(Secret.adopt(PASS.toCharArray())),
                    m -> got.computeIfAbsent(m, k -> new ByteArrayOutputStream()));
        }
        assertArrayEquals(a, got.get("dumps/a.sql").toByteArray());
        assertEquals("it's a dump\n", got.get("dumps/b.sql").toString());
        assertEquals(p.manifest().member("dumps/a.sql").sha256(), java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(a)));
    }

    @Test
    void aFailingDumpNeverLeavesAPayloadUnderTheFinalName() throws Exception {
        Path staged = dir.resolve("staged/run-2.payload.gpg");
        Files.createDirectories(staged.getParent());
        try (SshConnection source = connect(); SshConnection target = connect()) {
            Problem e = assertThrows(Problem.class, () -> new PayloadTransfer(Protection.passphrase(Secret.adopt(PASS.toCharArray())),
                    Compression.GZIP, 1 << 20).run(source,
                    List.of(new PayloadTransfer.Source("dumps/x.sql", RemoteCommand.of("sh", "-c", "echo partial; echo 'pg_dump: error: connection refused' >&2; exit 1"))),
                    target, staged.toString(), n -> {}));
            assertEquals(Problem.Kind.REMOTE_COMMAND, e.kind());
            assertTrue(e.detail().contains("connection refused"), e.detail());
        }
        assertFalse(Files.exists(staged));
    }

    /** A consumer of each member's plain bytes as they stream, like the restore: a remote command fed through a pipe. */
    private static java.util.function.Function<String, PayloadWriter.Copy> remoteConsumer(SshConnection target, String script, Map<String, Path> files) {
        return remoteConsumer(target, script, files, false);
    }

    private static java.util.function.Function<String, PayloadWriter.Copy> remoteConsumer(SshConnection target, String script, Map<String, Path> files,
                                                                                         boolean packed) {
        return member -> {
            io.sgmigrate.engine.stream.Pipe pipe = new io.sgmigrate.engine.stream.Pipe(4, 64 * 1024);
            Path out = dir.resolve("consumed-" + member.replace('/', '_'));
            files.put(member, out);
            var done = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> target.stream(RemoteCommand.of("sh", "-c", script, "sh", out.toString()), pipe.in, java.io.OutputStream.nullOutputStream()));
            return new PayloadWriter.Copy(new java.io.FilterOutputStream(pipe.out) {
                @Override
                public void write(byte[] b, int off, int len) throws java.io.IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws java.io.IOException {
                    out.close();
                    var r = done.join();
                    if (r.exitCode() != 0) throw Problem.of(Problem.Kind.REMOTE_COMMAND, "migrate.restore.failed", member, "test").withDetail(r.stderr());
                }
            }, packed);
        };
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void eachMembersBytesAlsoReachASecondConsumerAsTheyStream(Compression c) throws Exception {
        byte[] a = (new String(new byte[1_000_000]).replace('\0', 'x') + "COPY t FROM stdin;\n").repeat(3).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Path srcA = dir.resolve("tee-a-" + c + ".bin");
        Files.write(srcA, a);
        Path staged = dir.resolve("staged/run-3-" + c + ".payload.gpg");
        Files.createDirectories(staged.getParent());
        Map<String, Path> consumed = new HashMap<>();
        // Packed: the consumer gets the stored parts as they are, and the standard tool on its side unpacks them.
        boolean packed = c != Compression.NONE;
        String script = packed ? String.join(" ", c.decompressCommand()) + " > \"$1\"" : "cat > \"$1\"";
        StagedPayload result;
        try (SshConnection source = connect(); SshConnection target = connect(); SshConnection restorer = connect()) {
            result = new PayloadTransfer(Protection.passphrase(Secret.adopt(PASS.toCharArray())), c, 1 << 20)
                    .run(source, List.of(new PayloadTransfer.Source("dumps/a.sql", RemoteCommand.of("cat", srcA.toString())),
                            new PayloadTransfer.Source("dumps/b.sql", RemoteCommand.of("printf", "b"))),
                            target, staged.toString(), n -> {}, remoteConsumer(restorer, script, consumed, packed));
        }
        assertArrayEquals(a, Files.readAllBytes(consumed.get("dumps/a.sql")));
        assertEquals("b", Files.readString(consumed.get("dumps/b.sql")));
        assertTrue(Files.isRegularFile(staged));
        if (packed) assertTrue(result.encryptedBytes() < a.length / 20, "parts are stored compressed: " + result.encryptedBytes());
    }

    @Test
    void aConsumerThatStopsEarlyFailsTheTransferWithItsOwnErrorAndNeverHangs() throws Exception {
        byte[] a = new byte[6_000_000];
        new Random(6).nextBytes(a);
        Path srcA = dir.resolve("tee-b.bin");
        Files.write(srcA, a);
        Path staged = dir.resolve("staged/run-4.payload.gpg");
        Map<String, Path> consumed = new HashMap<>();
        try (SshConnection source = connect(); SshConnection target = connect(); SshConnection restorer = connect()) {
            Problem p = assertThrows(Problem.class, () -> new PayloadTransfer(Protection.passphrase(Secret.adopt(PASS.toCharArray())),
                    Compression.NONE, 1 << 20).run(source, List.of(new PayloadTransfer.Source("dumps/a.sql", RemoteCommand.of("cat", srcA.toString()))),
                    target, staged.toString(), n -> {}, remoteConsumer(restorer, "head -c 1000 > \"$1\"; echo 'ERROR: relation exists' >&2; exit 3", consumed)));
            assertEquals(Problem.Kind.REMOTE_COMMAND, p.kind());
            assertTrue(p.what().contains("dumps/a.sql"), p.what());
            assertTrue(p.detail().contains("relation exists"), p.detail());
        }
        assertFalse(Files.exists(staged), "no payload under the final name");
    }
}
