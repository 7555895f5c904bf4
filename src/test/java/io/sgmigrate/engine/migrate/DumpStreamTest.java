package io.sgmigrate.engine.migrate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.payload.Compression;
import io.sgmigrate.engine.payload.PayloadWriter;
import io.sgmigrate.engine.payload.Protection;
import io.sgmigrate.engine.secret.Secret;
import io.sgmigrate.engine.shell.RemoteCommand;
import io.sgmigrate.engine.ssh.SshConnection;
import io.sgmigrate.engine.transfer.PayloadTransfer;
import io.sgmigrate.engine.transfer.StagedPayload;
import io.sgmigrate.support.EmbeddedSshCase;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A dump compressed on its host by zstd arrives as the same plain bytes, and the dump's own failure still stops the transfer. */
class DumpStreamTest extends EmbeddedSshCase {

    private static StagedPayload move(RemoteCommand onTheHost, String name, ByteArrayOutputStream plain) throws Exception {
        try (SshConnection source = connect(); SshConnection target = connect()) {
            return new PayloadTransfer(Protection.passphrase(Secret.adopt("dump stream test".toCharArray())), Compression.ZSTD, 1 << 20)
                    .run(source, List.of(new PayloadTransfer.Source("dumps/x.sql", SingleContainerSource.zstdOnTheHost(onTheHost), true)),
                            target, dir.resolve(name).toString(), n -> {}, m -> new PayloadWriter.Copy(plain, false));
        }
    }

    @Test
    void theSamePlainBytesArriveAndAreCountedAndChecksummedAsPlain() throws Exception {
        String sql = "COPY public.t (id) FROM stdin;\n" + "1\n".repeat(300_000) + "\\.\n";
        Path file = dir.resolve("dump.sql");
        Files.writeString(file, sql);
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        StagedPayload staged = move(RemoteCommand.of("cat", file.toString()), "ok.payload.gpg", plain);
        assertArrayEquals(sql.getBytes(StandardCharsets.US_ASCII), plain.toByteArray());
        assertEquals(sql.length(), staged.manifest().member("dumps/x.sql").size());
        assertEquals(300_000L, staged.rowCounts().get("dumps/x.sql").get("public.t"));
    }

    @Test
    void aDumpThatFailsBehindThePipeStillFailsTheTransferWithItsExitCodeAndError() throws Exception {
        Problem p = assertThrows(Problem.class, () -> move(RemoteCommand.of("sh", "-c", "printf 'COPY public.t (id) FROM stdin;\\n1\\n'; "
                + "echo 'pg_dump: error: connection lost' >&2; exit 3"), "failed.payload.gpg", new ByteArrayOutputStream()));
        assertEquals(Problem.Kind.REMOTE_COMMAND, p.kind());
        assertTrue(p.what().endsWith("failed with exit code 3."), p.what());
        assertTrue(p.detail().contains("connection lost"), p.detail());
        assertTrue(!Files.exists(dir.resolve("failed.payload.gpg")), "no payload under the final name");
    }
}
