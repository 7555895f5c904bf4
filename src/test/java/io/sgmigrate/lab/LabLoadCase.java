package io.sgmigrate.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.support.CustomerPayloads;
import io.sgmigrate.support.LabCase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** What the payload load's lab tests share: payloads made by hand in the old container, the load command, the proof of a load. */
abstract class LabLoadCase extends LabCase {
    /** Core tables compared by content; the site config is checked on its own (the load adds the new externalURL as a new row). */
    static final List<String> TABLES = List.of("users", "user_emails", "orgs", "org_members", "repo", "external_services",
            "settings", "saved_searches", "access_tokens", "event_logs");
    static final String NEW_URL = "https://sourcegraph.new.example.com";
    CustomerPayloads make;

    @BeforeEach
    void tools() throws Exception {
        make = new CustomerPayloads(run, lab, dir);
    }

    @AfterEach
    void freshTargetAgain() {
        LabMigrationTest.freshTarget(run, lab);
    }

    List<String> load(Path payload, String... extra) {
        List<String> a = new ArrayList<>(List.of("payload", "load", payload.toString(), "--target", lab.target(), "--compose-dir", lab.composeDir(),
                "--identity", lab.identity().toString(), "--known-hosts", lab.knownHosts().toString(), "--no-agent"));
        a.addAll(List.of(extra));
        if (!a.contains("--journal")) a.addAll(List.of("--journal", dir.resolve("load.json").toString()));
        return a;
    }

    /** A {@code src snapshot} payload, tar.gz armored to a new support key, and that key exported with its passphrase. */
    record KeyedPayload(Path payload, Path secretKey) {}

    KeyedPayload armoredToAProtectedKey(String keyPassphrase) throws Exception {
        String fpr = make.newKey("Support <support@example.com>", keyPassphrase);
        Path secret = make.exportSecret(fpr, keyPassphrase, dir.resolve("support.asc"));
        Path tgz = make.tar(srcSnapshotFolder(), dir.resolve("customer.tar.gz"), "gzip");
        return new KeyedPayload(make.encryptTo(tgz, dir.resolve("customer.tar.gz.asc"), fpr, true, null, null), secret);
    }

    /** The old instance's databases as {@code src snapshot databases} dumps them, in {@code src-snapshot/}. */
    Path srcSnapshotFolder() throws Exception {
        Path root = dir.resolve("snapshot-root");
        String[] flags = {"--clean", "--format=plain", "--if-exists", "--no-acl", "--no-owner", "--quote-all-identifiers"};
        make.dump("sourcegraph", root.resolve("src-snapshot/pgsql.sql"), flags);
        if (lab.sourceDatabases().contains("sourcegraph-codeintel")) make.dump("sourcegraph-codeintel", root.resolve("src-snapshot/codeintel.sql"), flags);
        if (lab.sourceDatabases().contains("sourcegraph-codeinsights")) make.dump("sourcegraph-codeinsights", root.resolve("src-snapshot/codeinsights.sql"), flags);
        return root;
    }

    void assertLoaded(String url) {
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
}
