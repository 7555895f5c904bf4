package io.sgmigrate.engine.migrate;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.payload.Compression;
import io.sgmigrate.engine.shell.RemoteCommand;
import io.sgmigrate.engine.ssh.SshConnection;
import io.sgmigrate.support.EmbeddedSshCase;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The stream into psql ends with a statement that prints a token of the run; a consumer that exits 0 without
 * having read to the end (an unpacker that died, input cut short) is caught. Real processes stand in for psql.
 */
class ScratchRestoreTest extends EmbeddedSshCase {
    private static final byte[] SQL = "CREATE TABLE t (id int);\nCOPY t FROM stdin;\n1\n\\.\n".repeat(50_000).getBytes(StandardCharsets.US_ASCII);


    private static ScratchRestore restore() {
        MigrationSettings s = PlanTest.settings();
        return new ScratchRestore(s.target(), s.compression(), s.protection().secret(), new MigrationListener() {}, a -> {
            throw new AssertionError("no second connection here");
        });
    }

    private static void feed(OutputStream out, byte[] data) throws Exception {
        for (int i = 0; i < data.length; i += 100_000) out.write(data, i, Math.min(100_000, data.length - i));
        out.close();
    }

    @Test
    void aConsumerThatReadsToTheEndAndRunsTheLastStatementPasses() throws Exception {
        try (SshConnection target = connect()) {
            // "psql" here prints the token statement as it reads it: as psql prints the result of that SELECT.
            OutputStream out = restore().into(target, RemoteCommand.of("sh", "-c", "grep -o \"sgmigrate-restore-complete-[0-9a-f]*\""), false, "sourcegraph");
            assertDoesNotThrow(() -> feed(out, SQL));
        }
    }

    @Test
    void theLastStatementWaitsForTheWalOfEverythingBeforeIt() throws Exception {
        try (SshConnection target = connect()) {
            // The token comes back only when the statements before it turn synchronous commit on and take a transaction id.
            OutputStream out = restore().into(target, RemoteCommand.of("sh", "-c", "tail -c 300 | tr -d '\\n' | grep -o "
                    + "'SET synchronous_commit = on;SELECT pg_catalog.txid_current() > 0 AS flushed, .sgmigrate-restore-complete-[0-9a-f]*'"
                    + " | grep -o 'sgmigrate-restore-complete-[0-9a-f]*'"), false, "sourcegraph");
            assertDoesNotThrow(() -> feed(out, SQL));
        }
    }

    @Test
    void packedPartsAreUnpackedOnTheOtherSideBeforeTheConsumerReadsThem() throws Exception {
        try (SshConnection target = connect()) {
            OutputStream out = restore().into(target, RemoteCommand.of("sh", "-c", "zstd -dc | grep -o \"sgmigrate-restore-complete-[0-9a-f]*\""),
                    true, "sourcegraph");
            assertDoesNotThrow(() -> feed(out, Compression.ZSTD.packAll(SQL)));
        }
    }

    @Test
    void aConsumerThatStopsReadingButExitsZeroIsCaughtAsCutShort() throws Exception {
        try (SshConnection target = connect()) {
            // Like psql after its unpacker died: it saw the end of its input early, ran what it had, exited 0.
            OutputStream out = restore().into(target, RemoteCommand.of("sh", "-c", "head -c 1000 >/dev/null; exec cat >/dev/null"), false, "sourcegraph");
            Problem p = assertThrows(Problem.class, () -> feed(out, SQL));
            assertEquals(Problem.Kind.REMOTE_COMMAND, p.kind());
            assertTrue(p.what().startsWith("The restore of sourcegraph into pgsql ended without reaching the end of the dump"), p.what());
            assertTrue(p.next().startsWith("Nothing was swapped: the databases in use are unchanged"), p.next());
        }
    }

    @Test
    void aConsumerThatFailsIsReportedWithItsError() throws Exception {
        try (SshConnection target = connect()) {
            OutputStream out = restore().into(target, RemoteCommand.of("sh", "-c", "cat >/dev/null; echo 'ERROR: relation \"t\" already exists' >&2; exit 3"),
                    false, "sourcegraph");
            Problem p = assertThrows(Problem.class, () -> feed(out, SQL));
            assertTrue(p.what().startsWith("Restoring sourcegraph into pgsql failed"), p.what());
            assertTrue(p.detail().contains("already exists"), p.detail());
        }
    }
}
