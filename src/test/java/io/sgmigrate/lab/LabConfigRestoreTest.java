package io.sgmigrate.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.support.CustomerPayloads;
import io.sgmigrate.support.Lab;
import io.sgmigrate.support.LabRun.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Seeds 003/004, option 1, against the lab: the old instance's configuration alone, as a payload, put into the fresh
 * Compose host by {@code config restore}: the difference shown first, then written the way the instance stores it.
 */
class LabConfigRestoreTest extends LabLoadCase {
    private static final String SITE = "select contents from critical_and_site_config where type = 'site' order by id desc limit 1";
    private static final String SETTINGS = "select contents from settings where org_id is null and user_id is null order by id desc limit 1";
    private static final String HOSTS = "select coalesce(string_agg(kind || '|' || display_name || '|' || md5(config), ',' order by display_name), '')"
            + " from external_services where deleted_at is null";

    private Path keyPass;

    private List<String> restore(Path payload, Path key, String... extra) {
        List<String> a = new ArrayList<>(List.of("config", "restore", payload.toString(), "--target", lab.target(), "--compose-dir", lab.composeDir(),
                "--secret-key", key.toString(), "--key-passphrase-file", keyPass.toString(), "--identity", lab.identity().toString(), "--known-hosts", lab.knownHosts().toString(), "--no-agent"));
        a.addAll(List.of(extra));
        return a;
    }

    @Test
    void theConfigurationAloneRoundTripsIntoTheComposeHostTheDifferenceShownFirst() throws Exception {
        String fpr = make.newKey("Support <support@example.com>", "key pass");
        Path pub = make.exportPublic(fpr, dir.resolve("support.asc"));
        Path secret = make.exportSecret(fpr, "key pass", dir.resolve("support-secret.asc"));
        keyPass = Files.writeString(dir.resolve("key.pass"), "key pass\n");
        Path payload = dir.resolve("config.payload.gpg");
        Result made = run.sgmigrate(List.of("payload", "create", "--source", lab.source(), "--recipient", pub.toString(), "--config-only",
                "--out", payload.toString(), "--identity", lab.identity().toString(), "--known-hosts", lab.knownHosts().toString(), "--no-agent"));
        assertEquals(0, made.code(), made.out() + made.err());
        String entries = CustomerPayloads.exec(List.of("sh", "-c", "gpg --homedir \"$1\" --batch --pinentry-mode loopback --passphrase 'key pass' --decrypt \"$2\" 2>/dev/null | tar -t", "sh",
                make.keyring().toString(), payload.toString()), null);
        assertTrue(entries.contains("members/config/site-config.json/") && entries.contains("members/snapshot.json/"), entries);
        assertFalse(entries.contains("members/dumps/"), "configuration only: no database dump: " + entries);

        String rowsBefore = run.onTarget("select count(*) from critical_and_site_config");
        Result dry = run.sgmigrate(restore(payload, secret, "--dry-run"));
        assertEquals(0, dry.code(), dry.out() + dry.err());
        assertTrue(dry.out().contains("site configuration"), dry.out());
        assertTrue(dry.out().contains("added: code host GITHUB"), dry.out());
        assertTrue(dry.out().contains("fingerprint "), "values as fingerprints: " + dry.out());
        String oldSite = run.onSource(SITE);
        assertFalse(dry.out().contains("Welcome to the lab"), "no value in clear: " + dry.out());
        assertEquals(rowsBefore, run.onTarget("select count(*) from critical_and_site_config"), "a dry run writes nothing");

        Result wrong = run.sgmigrate(restore(payload, secret, "--confirm-host", "another-host"));
        assertTrue(wrong.code() != 0, wrong.out());
        assertEquals(rowsBefore, run.onTarget("select count(*) from critical_and_site_config"));

        Result r = run.sgmigrate(restore(payload, secret, "--confirm-host", Lab.target(lab).host()));
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("site configuration: a new row"), r.out());
        assertEquals(oldSite, run.onTarget(SITE), "the site configuration byte for byte, comments and all");
        assertEquals(run.onSource(SETTINGS), run.onTarget(SETTINGS), "the global settings byte for byte");
        assertEquals(run.onSource(HOSTS), run.onTarget(HOSTS), "every code host, by kind, display name and config");

        Result again = run.sgmigrate(restore(payload, secret, "--confirm-host", Lab.target(lab).host()));
        assertEquals(0, again.code(), again.out() + again.err());
        assertTrue(again.out().contains("nothing to write: the instance already holds this configuration"), again.out());
    }
}
