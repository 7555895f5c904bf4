package io.sgmigrate.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.engine.journal.Journal;
import io.sgmigrate.support.LabRun.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The support engineer's flow against the lab: payloads made by hand with real pg_dump, tar and gpg, loaded with
 * {@code sgmigrate payload load} into the lab's fresh Compose host; afterwards the new host holds the old instance's data.
 */
class LabPayloadLoadTest extends LabLoadCase {
    @Test
    void sgmigratesOwnPayloadLoadsAndAKillDuringTheRestoreResumes() throws Exception {
        Path payload = dir.resolve("own.payload.gpg");
        Path pass = dir.resolve("own.key");
        Files.writeString(pass, "an own passphrase\n");
        try (java.io.OutputStream out = Files.newOutputStream(payload);
             io.sgmigrate.engine.payload.PayloadWriter w = new io.sgmigrate.engine.payload.PayloadWriter(out,
                     new io.sgmigrate.engine.payload.Protection.Passphrase(io.sgmigrate.engine.secret.Secret.adopt("an own passphrase".toCharArray())),
                     io.sgmigrate.engine.payload.Compression.ZSTD, io.sgmigrate.engine.payload.PayloadWriter.DEFAULT_PART_SIZE, false, n -> {})) {
            for (String db : lab.sourceDatabases()) {
                Path dump = make.dump(db, dir.resolve("own/" + db + ".sql"), "--no-owner", "--no-privileges", "--format=plain");
                try (java.io.InputStream in = Files.newInputStream(dump)) {
                    w.addMember("dumps/" + db + ".sql", in);
                }
            }
            w.finish();
        }
        String before = run.hostState(false);
        Result inspect = run.sgmigrate(List.of("payload", "inspect", payload.toString(), "--passphrase-file", pass.toString(), "--json"));
        assertEquals(0, inspect.code(), inspect.out() + inspect.err());
        assertTrue(inspect.out().contains("\"layout\" : \"sgmigrate payload (format 2)\""), inspect.out());
        Result dry = run.sgmigrate(load(payload, "--passphrase-file", pass.toString(), "--external-url", NEW_URL, "--dry-run"));
        assertEquals(0, dry.code(), dry.out() + dry.err());
        assertTrue(dry.out().contains("### this machine (the payload file"), dry.out());
        assertTrue(dry.out().contains("psql -X -q -v ON_ERROR_STOP=1 -U sg -d sgmigrate_restore"), dry.out());
        assertTrue(dry.out().contains("insert into critical_and_site_config"), dry.out());
        assertFalse(dry.out().contains("--volumes"), dry.out());
        assertEquals(before, run.hostState(false), "a dry run changes nothing");
        assertFalse(Files.exists(dir.resolve("load.json")), "a dry run writes no journal");
        // Killed while the restore runs: the databases in use are untouched, and --resume finishes the load.
        Result killed = run.sgmigrate(load(payload, "--passphrase-file", pass.toString(), "--external-url", NEW_URL, "--yes"),
                line -> line.contains("Restore into scratch databases"));
        assertTrue(killed.code() != 0, killed.out());
        assertEquals("0", run.onTarget("select count(*) from users"), "the database in use holds what it held");
        Result r = run.sgmigrate(load(payload, "--passphrase-file", pass.toString(), "--external-url", NEW_URL, "--yes", "--resume"));
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("skipped, already done") || r.out().contains("skipped, confirmed before"), r.out());
        assertLoaded(NEW_URL);
        Journal j = Journal.load(dir.resolve("load.json"));
        assertEquals(NEW_URL, j.outputs("configure").get("externalURL.after"));
        assertTrue(j.outputs("connect").containsKey("payloadSha256"), "the journal is bound to the payload file: " + j.outputs("connect"));
    }

}
