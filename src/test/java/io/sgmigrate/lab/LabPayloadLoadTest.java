package io.sgmigrate.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.engine.journal.Journal;
import io.sgmigrate.support.CustomerPayloads;
import io.sgmigrate.support.LabCase;
import io.sgmigrate.support.LabRun.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The support engineer's flow against the lab: payloads made by hand with real pg_dump, tar and gpg, loaded with
 * {@code sgmigrate payload load} into the lab's fresh Compose host; afterwards the new host holds the old instance's data.
 */
class LabPayloadLoadTest extends LabCase {
    /** Core tables compared by content; the site config is checked on its own (the load adds the new externalURL as a new row). */
    private static final List<String> TABLES = List.of("users", "user_emails", "orgs", "org_members", "repo", "external_services",
            "settings", "saved_searches", "access_tokens", "event_logs");
    private static final String NEW_URL = "https://sourcegraph.new.example.com";
    private CustomerPayloads make;

    @BeforeEach
    void tools() throws Exception {
        make = new CustomerPayloads(run, lab, dir);
    }

    @AfterEach
    void freshTargetAgain() {
        LabMigrationTest.freshTarget(run, lab);
    }

    private List<String> load(Path payload, String... extra) {
        List<String> a = new ArrayList<>(List.of("payload", "load", payload.toString(), "--target", lab.target(), "--compose-dir", lab.composeDir(),
                "--identity", lab.identity().toString(), "--known-hosts", lab.knownHosts().toString(), "--no-agent"));
        a.addAll(List.of(extra));
        if (!a.contains("--journal")) a.addAll(List.of("--journal", dir.resolve("load.json").toString()));
        return a;
    }

    /** The old instance's databases as {@code src snapshot databases} dumps them, in {@code src-snapshot/}. */
    private Path srcSnapshotFolder() throws Exception {
        Path root = dir.resolve("snapshot-root");
        String[] flags = {"--clean", "--format=plain", "--if-exists", "--no-acl", "--no-owner", "--quote-all-identifiers"};
        make.dump("sourcegraph", root.resolve("src-snapshot/pgsql.sql"), flags);
        if (lab.sourceDatabases().contains("sourcegraph-codeintel")) make.dump("sourcegraph-codeintel", root.resolve("src-snapshot/codeintel.sql"), flags);
        if (lab.sourceDatabases().contains("sourcegraph-codeinsights")) make.dump("sourcegraph-codeinsights", root.resolve("src-snapshot/codeinsights.sql"), flags);
        return root;
    }

    private void assertLoaded(String url) {
        for (String table : TABLES) {
            String source = run.onSource(LabMigrationTest.contentSql(table));
            if (!source.equals("absent")) assertEquals(source, run.onTarget(LabMigrationTest.contentSql(table)), "contents of " + table);
        }
        assertEquals(run.onSource("select last_value from event_logs_id_seq"), run.onTarget("select last_value from event_logs_id_seq"));
        assertEquals(run.onSource("select count(*) from critical_and_site_config") , run.onTarget("select count(*) - 1 from critical_and_site_config"),
                "every site config row of the old instance, and one more: the new externalURL");
        String site = run.onTarget("select contents from critical_and_site_config where type = 'site' order by id desc limit 1");
        assertTrue(site.contains("\"externalURL\": \"" + url + "\""), site);
        assertEquals("sg", run.onTarget("select pg_get_userbyid(datdba) from pg_database where datname = 'sg'"));
        assertEquals("", run.onTarget("select datname from pg_database where datname = 'sgmigrate_restore'"), "no scratch database left");
        if (lab.sourceDatabases().contains("sourcegraph-codeintel")) {
            assertEquals(run.onSource("sourcegraph-codeintel", "select count(*) from lsif_uploads"), run.onTarget("codeintel-db", "select count(*) from lsif_uploads"));
        }
        if (lab.sourceDatabases().contains("sourcegraph-codeinsights")) {
            assertEquals(run.onSource("sourcegraph-codeinsights", LabMigrationTest.contentSql("series_points")),
                    run.onTargetInsights(LabMigrationTest.contentSql("series_points")));
        }
    }

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
