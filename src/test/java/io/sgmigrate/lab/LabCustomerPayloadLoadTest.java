package io.sgmigrate.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.engine.journal.Journal;
import io.sgmigrate.support.CustomerPayloads;
import io.sgmigrate.support.LabRun.Result;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

/**
 * A customer's payload as customers make it, with real pg_dump, pg_dumpall, tar and gpg in the lab's old container, loaded
 * with {@code sgmigrate payload load} into the lab's fresh Compose host; and every way such a file can be wrong, refused
 * before the new host changes at all.
 */
class LabCustomerPayloadLoadTest extends LabLoadCase {
    @Test
    void aSrcSnapshotPayloadArmoredToAPublicKeyLoadsEveryRowAndSetsTheNewExternalUrl() throws Exception {
        String fpr = make.newKey("Support <support@example.com>", "");
        Path secret = make.exportSecret(fpr, "", dir.resolve("support.asc"));
        Path root = srcSnapshotFolder();
        // What `src snapshot summary` writes: the code host connections (GraphQL IDs) and auth providers of the old instance.
        List<String> nodes = new java.util.ArrayList<>();
        for (String row : run.onSource("select id || ' ' || kind from external_services where deleted_at is null order by id").lines().toList()) {
            String[] f = row.split(" ");
            String id = java.util.Base64.getEncoder().encodeToString(("ExternalService:" + f[0]).getBytes(StandardCharsets.UTF_8));
            nodes.add("{\"Kind\": \"" + f[1] + "\", \"ID\": \"" + id + "\"}");
        }
        assertFalse(nodes.isEmpty(), "the lab has code host connections");
        Files.writeString(root.resolve("src-snapshot/summary.json"), "{\"ExternalServices\": {\"TotalCount\": " + nodes.size() + ", \"Nodes\": ["
                + String.join(", ", nodes) + "]}, \"Site\": {\"AuthProviders\": {\"TotalCount\": 1, \"Nodes\": [{\"ServiceType\": \"builtin\", \"ServiceID\": \"\"}]}}}\n");
        Path tgz = make.tar(root, dir.resolve("customer.tar.gz"), "gzip");
        Path payload = make.encryptTo(tgz, dir.resolve("customer.tar.gz.asc"), fpr, true, null, null);

        Result inspect = run.sgmigrate(List.of("payload", "inspect", payload.toString(), "--secret-key", secret.toString()));
        assertEquals(0, inspect.code(), inspect.out() + inspect.err());
        assertTrue(inspect.out().contains("UNSIGNED"), inspect.out());
        assertTrue(inspect.out().contains("src snapshot databases"), inspect.out());
        assertTrue(inspect.out().contains("src-snapshot/pgsql.sql"), inspect.out());
        assertTrue(inspect.out().contains("Sourcegraph " + lab.version()), "the version from the dump's versions table: " + inspect.out());

        String before = run.hostState(false);
        Result dry = run.sgmigrate(load(payload, "--secret-key", secret.toString(), "--external-url", NEW_URL, "--dry-run"));
        assertEquals(0, dry.code(), dry.out() + dry.err());
        assertTrue(dry.out().contains("### this machine"), dry.out());
        assertTrue(dry.out().contains("psql -X -q -v ON_ERROR_STOP=1 -U sg -d sgmigrate_restore"), dry.out());
        assertEquals(before, run.hostState(false), "a dry run changes nothing");
        assertFalse(Files.exists(dir.resolve("load.json")), "a dry run writes no journal");

        Result r = run.sgmigrate(load(payload, "--secret-key", secret.toString(), "--external-url", NEW_URL, "--yes", "--report", dir.resolve("report").toString()));
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("Load complete"), r.out());
        assertTrue(r.out().contains("reading all of the payload file first"), "the long first reading is said, with its progress: " + r.out());
        assertLoaded(NEW_URL);
        String html = Files.readString(dir.resolve("report/report.html"));
        assertTrue(html.contains("loaded into Docker Compose"), "the report says what was done");
        assertTrue(html.contains("src summary") && html.contains("rows as in the payload"), "and what was proven");
        String keep = System.getProperty("sgmigrate.screenshots");
        if (keep != null) {
            // The README's picture of a report: this load's, rendered by a real browser.
            Path png = Path.of(keep).toAbsolutePath().resolve("report.png");
            CustomerPayloads.exec(List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--user-data-dir=" + dir.resolve("chromium"), "--window-size=1100,1400", "--screenshot=" + png, dir.resolve("report/report.html").toUri().toString()), null);
            assertTrue(Files.size(png) > 10_000, "a real picture of the page");
        }
        Journal j = Journal.load(dir.resolve("load.json"));
        assertTrue(j.outputs("verify").getOrDefault("findings", "").endsWith(" 0 failed"), j.outputs("verify").toString());
        var findings = io.sgmigrate.engine.verify.VerificationFile.read(Path.of(j.outputs("verify").get("verification"))).findings();
        assertEquals(nodes.size() + 1, findings.stream().filter(f -> f.area().equals("src summary") && f.status() == io.sgmigrate.engine.verify.Finding.Status.PASS).count(),
                "every code host connection and the builtin auth provider of summary.json were found: " + findings);
        assertTrue(findings.stream().anyMatch(f -> f.area().equals("rows") && f.item().equals("sourcegraph public.users")), "the dumps' row counts are findings too");
        assertTrue(findings.stream().anyMatch(f -> f.area().equals("containers") && f.item().equals("pgsql") && f.status() == io.sgmigrate.engine.verify.Finding.Status.PASS),
                "seed 002's look after the start: every container runs " + findings);
        assertTrue(findings.stream().anyMatch(f -> f.area().equals("frontend log") && f.status() == io.sgmigrate.engine.verify.Finding.Status.PASS), findings.toString());
        List<String> items = j.checklist().stream().map(io.sgmigrate.engine.verify.ChecklistItem::id).toList();
        assertTrue(items.containsAll(List.of("auto-containers", "auto-frontend-log", "vm-snapshot", "upgrade-path", "site-health", "handover")), items.toString());
        // The load's first look at the instance: externalURL is the one it set, and the links point there.
        var url = j.checklist().stream().filter(i -> i.id().equals("external-url")).findFirst().orElseThrow();
        assertEquals("PASS", url.status(), url.evidence());
        assertTrue(url.evidence().contains(NEW_URL + ", as set"), url.evidence());
        var health = j.checklist().stream().filter(i -> i.id().equals("site-health")).findFirst().orElseThrow();
        assertEquals(NEW_URL + "/site-admin", health.link(), "a load's own manual items get their guide too");
    }

    @Test
    void aSeedPayloadWithACreateDatabaseDumpAndASiteConfigFileSymmetricLoadsAfterAKillAndAResume() throws Exception {
        Path root = dir.resolve("seed-root");
        // As the managed-instance seed procedure has it: pg_dump -C --clean --if-exists, owners and grants kept.
        make.dump("sourcegraph", root.resolve("pgsql_dump.sql"), "-C", "--clean", "--if-exists");
        if (lab.sourceDatabases().contains("sourcegraph-codeintel")) make.dump("sourcegraph-codeintel", root.resolve("codeintel_dump.sql"), "-C");
        Files.writeString(root.resolve("site-config.json"), "{\n  // the customer's own note\n  \"externalURL\": \"https://old.example.com\",\n"
                + "  \"auth.providers\": [{\"type\": \"builtin\"}]\n}\n");
        Path tgz = make.tar(root, dir.resolve("name.tar.gz"), "gzip");
        Path payload = make.encryptSymmetric(tgz, dir.resolve("name.tar.gz.asc"), "customer passphrase", true);
        Path pass = dir.resolve("pass.txt");
        Files.writeString(pass, "customer passphrase\n");

        // Killed while the customer's dumps stream into the scratch databases: the databases in use keep what they held,
        // the old instance is untouched, and --resume reads the customer file again and finishes.
        String oldBefore = run.hostState(true);
        String tablesBefore = run.onTarget("select count(*) from pg_tables where schemaname = 'public'");
        Result killed = run.sgmigrate(load(payload, "--passphrase-file", pass.toString(), "--external-url", NEW_URL, "--yes"),
                line -> line.contains("Restore into scratch databases"));
        assertTrue(killed.code() != 0, killed.out());
        assertEquals("0", run.onTarget("select count(*) from users"), "the database in use holds what it held");
        assertEquals(tablesBefore, run.onTarget("select count(*) from pg_tables where schemaname = 'public'"), "and its schema");
        assertEquals(oldBefore, run.hostState(true), "the old instance is only read");
        Result r = run.sgmigrate(load(payload, "--passphrase-file", pass.toString(), "--external-url", NEW_URL, "--yes", "--resume"));
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("skipped, already done") || r.out().contains("skipped, confirmed before"), r.out());
        assertTrue(r.out().contains("(sent compressed, unpacked on the new host)"), "the lab's new host has zstd: " + r.out());
        int steps = io.sgmigrate.engine.migrate.Step.loadOrder(true).size();
        assertTrue(r.out().contains("[2/" + steps + "] ") && r.out().contains("[" + steps + "/" + steps + "] "), "numbered out of the load's steps: " + r.out());
        assertFalse(r.out().contains("/" + io.sgmigrate.engine.migrate.Step.order(false).size() + "] "), "never out of docker-to-compose's: " + r.out());
        String site = run.onTarget("select contents from critical_and_site_config where type = 'site' order by id desc limit 1");
        assertTrue(site.contains("// the customer's own note"), "the admin's comments are still there: " + site);
        assertTrue(site.contains("\"externalURL\": \"" + NEW_URL + "\""), site);
        for (String table : TABLES) {
            String source = run.onSource(LabMigrationTest.contentSql(table));
            if (!source.equals("absent")) assertEquals(source, run.onTarget(LabMigrationTest.contentSql(table)), "contents of " + table);
        }
        assertTrue(killed.out().contains("CREATE DATABASE"), "what was neutralised is said (in pre-flight, before the kill): " + killed.out());
        Journal j = Journal.load(dir.resolve("load.json"));
        assertEquals("1", j.outputs("preflight").get("neutralised:pgsql_dump.sql:CREATE DATABASE"), "and journalled: " + j.outputs("preflight"));
        assertTrue(j.outputs("preflight").keySet().stream().anyMatch(k -> k.startsWith("neutralised:pgsql_dump.sql:OWNER TO ")), j.outputs("preflight").toString());
    }

    @Test
    void aWholeClusterDumpallIsTakenApartAndAWrongKeyOrPassphraseIsItsOwnErrorAndTheKeyringOpensIt() throws Exception {
        String fpr = make.newKey("Support <support@example.com>", "key passphrase");
        Path secret = make.exportSecret(fpr, "key passphrase", dir.resolve("support.asc"));
        Path keyPass = dir.resolve("keypass.txt");
        Files.writeString(keyPass, "key passphrase\n");
        Path root = dir.resolve("all-root");
        make.dumpAll(root.resolve("all.sql"));
        Path tzst = make.tar(root, dir.resolve("all.tar.zst"), "zstd");
        Path payload = make.encryptTo(tzst, dir.resolve("all.tar.zst.gpg"), fpr, false, null, null);

        String before = run.hostState(false);
        Path wrong = dir.resolve("wrong.txt");
        Files.writeString(wrong, "not the key passphrase\n");
        Result bad = run.sgmigrate(load(payload, "--secret-key", secret.toString(), "--key-passphrase-file", wrong.toString(), "--yes"));
        assertEquals(11, bad.code(), bad.out() + bad.err());
        assertTrue(bad.err().contains("The passphrase of the secret key ") && bad.err().contains(" is wrong"), bad.err());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());
        assertEquals(before, run.hostState(false), "nothing changed on the new host");

        String other = make.newKey("Stranger <stranger@example.com>", "");
        Path stranger = make.exportSecret(other, "", dir.resolve("stranger.asc"));
        Result noKey = run.sgmigrate(load(payload, "--secret-key", stranger.toString(), "--yes", "--journal", dir.resolve("nokey.json").toString()));
        assertEquals(11, noKey.code(), noKey.out() + noKey.err());
        assertTrue(noKey.err().contains(fpr.substring(fpr.length() - 16)) || noKey.err().toUpperCase().contains("ENCRYPTED TO"), noKey.err());

        // Opened straight from the support engineer's GnuPG keyring: no key file exported, the key's passphrase given to gpg.
        make.forgetPassphrases();
        Result r = run.sgmigrate(load(payload, "--gnupg-home", make.keyring().toString(), "--key-passphrase-file", keyPass.toString(), "--external-url", NEW_URL,
                "--yes", "--journal", dir.resolve("ok.json").toString()));
        make.forgetPassphrases();
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("pg_dumpall"), r.out());
        assertLoaded(NEW_URL);
    }

    @Test
    void aChangedCutHostileMisattributedOrOtherVersionPayloadIsRefusedAndTheNewHostIsUntouched() throws Exception {
        Path pass = dir.resolve("pass.txt");
        Files.writeString(pass, "customer passphrase\n");
        Path snapshot = srcSnapshotFolder();
        Path tgz = make.tar(snapshot, dir.resolve("customer.tar.gz"), "gzip");
        Path good = make.encryptSymmetric(tgz, dir.resolve("customer.tar.gz.gpg"), "customer passphrase", false);
        byte[] bytes = Files.readAllBytes(good);
        String before = run.hostState(false);

        byte[] flipped = bytes.clone();
        flipped[bytes.length / 2] ^= 0x10;
        assertRefused(write("flipped.tar.gz.gpg", flipped), "was changed or damaged after it was encrypted", before, "--passphrase-file", pass.toString());
        assertRefused(write("cut.tar.gz.gpg", java.util.Arrays.copyOf(bytes, bytes.length * 2 / 3)), "is cut short", before,
                "--passphrase-file", pass.toString());

        String customer = make.newKey("Customer <admin@customer.example.com>", "");
        String stranger = make.newKey("Stranger <stranger@example.com>", "");
        Path customerKey = make.exportPublic(customer, dir.resolve("customer.pub.asc"));
        Path signed = make.signOnly(tgz, dir.resolve("signed.tar.gz.gpg"), stranger);
        assertRefused(signed, "is not signed by " + customer, before, "--signer", customerKey.toString(), "--passphrase-file", pass.toString());
        // Signed, not compressed, a plain tar: a changed letter in a dump's comment reads fine and only the signature can tell.
        Path plainTar = make.tar(snapshot, dir.resolve("customer.tar"), "none");
        byte[] sb = Files.readAllBytes(make.signOnly(plainTar, dir.resolve("by-customer.tar.gpg"), customer));
        int comment = new String(sb, StandardCharsets.ISO_8859_1).indexOf("PostgreSQL database dump");
        assertTrue(comment > 0, "the signed file holds the dump as it is");
        sb[comment] ^= 0x01;
        assertRefused(write("bad-signature.tar.gpg", sb), "does not match the file", before, "--signer", customerKey.toString(), "--passphrase-file", pass.toString());

        Path climbing = make.encryptSymmetric(hostileTar("climbing.tar", "../pgsql.sql", null), dir.resolve("climbing.tar.gpg"), "customer passphrase", false);
        assertRefused(climbing, "climbs out with ..", before, "--passphrase-file", pass.toString());
        Path linked = make.encryptSymmetric(hostileTar("linked.tar", "src-snapshot/pgsql.sql", "/etc/passwd"), dir.resolve("linked.tar.gpg"), "customer passphrase", false);
        assertRefused(linked, "holds a link", before, "--passphrase-file", pass.toString());

        // The data says another release than the new host runs: stopped in pre-flight, before anything is stopped or restored.
        Path other = dir.resolve("other-root/src-snapshot/pgsql.sql");
        make.dump("sourcegraph", other, "--no-owner", "--no-acl");
        String[] v = lab.version().split("\\.");
        String next = v[0] + "." + v[1] + "." + (Integer.parseInt(v[2]) + 1);
        String dump = Files.readString(other);
        String changed = dump.replaceAll("(?m)^frontend\t" + java.util.regex.Pattern.quote(lab.version()) + "\t", "frontend\t" + next + "\t");
        assertFalse(changed.equals(dump), "the dump has the versions row");
        Files.writeString(other, changed);
        Path otherTgz = make.tar(dir.resolve("other-root"), dir.resolve("other.tar.gz"), "gzip");
        Path otherPayload = make.encryptSymmetric(otherTgz, dir.resolve("other.tar.gz.asc"), "customer passphrase", true);
        assertRefused(otherPayload, "is " + next + " but the compose files are " + lab.version(), before, "--passphrase-file", pass.toString());
    }

    /**
     * The new host's disk fills up (the pgsql volume on a small filesystem with a little room left): with 4 MiB the
     * scratch database cannot be made; with 12 MiB the restore fits and the swap's checkpoint fails, which PostgreSQL
     * tells the client only as "checkpoint request failed" (the server log names the full disk). Either way the load
     * stops with what happened and what to do, and once space is freed --resume finishes.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0} KiB left")
    @org.junit.jupiter.params.provider.ValueSource(ints = {4 * 1024, 12 * 1024})
    void aFullDiskIsSaidPlainlyAndTheResumeFinishes(int leaveKib) throws Exception {
        Path tgz = make.tar(srcSnapshotFolder(), dir.resolve("customer.tar.gz"), "gzip");
        Path payload = make.encryptSymmetric(tgz, dir.resolve("customer.tar.gz.asc"), "customer passphrase", true);
        Path pass = dir.resolve("pass.txt");
        Files.writeString(pass, "customer passphrase\n");
        String tablesBefore = run.onTarget("select count(*) from pg_tables where schemaname = 'public'");
        Path volume;
        try (io.sgmigrate.engine.ssh.SshConnection t = run.connect(lab.target())) {
            volume = Path.of(t.runChecked(io.sgmigrate.engine.shell.RemoteCommand.of("docker", "inspect", "-f",
                    "{{range .Mounts}}{{if eq .Destination \"/data\"}}{{.Source}}{{end}}{{end}}", "pgsql")).stdout().strip());
        }
        assertTrue(volume.isAbsolute(), "pgsql keeps its data in a volume: " + volume);
        try (AutoCloseable small = io.sgmigrate.support.LabFaults.volumeOnSmallFilesystem(run, lab, "pgsql", volume, "1g")) {
            io.sgmigrate.support.LabFaults.fill(volume, leaveKib);
            Result r = run.sgmigrate(load(payload, "--passphrase-file", pass.toString(), "--external-url", NEW_URL, "--yes"));
            assertTrue(r.code() != 0, r.out() + r.err());
            String said = r.out() + r.err();
            assertTrue(said.contains("disk is full") || said.contains("disk filled up"), "says the disk is full: " + said);
            assertTrue(said.contains("No space left on device"), "and shows PostgreSQL's own words: " + said);
            assertTrue(said.contains("--resume"), "says what to do next: " + said);
            assertTrue(said.contains("New host:"), "says what state the new host is in: " + said);
            assertFalse(said.contains("Exception"), "no stack trace: " + said);
            Files.delete(volume.resolve(".filler"));
            io.sgmigrate.support.LabFaults.waitForTargetDatabase(run, lab);
            if (Journal.load(dir.resolve("load.json")).step("swap").isEmpty()) {
                assertEquals("0", run.onTarget("select count(*) from users"), "stopped before the swap: the database in use holds what it held");
                assertEquals(tablesBefore, run.onTarget("select count(*) from pg_tables where schemaname = 'public'"), "and its schema");
            }
            Result resumed = run.sgmigrate(load(payload, "--passphrase-file", pass.toString(), "--external-url", NEW_URL, "--yes", "--resume"));
            assertEquals(0, resumed.code(), resumed.out() + resumed.err());
            assertLoaded(NEW_URL);
        }
    }

    private Path write(String name, byte[] bytes) throws Exception {
        return Files.write(dir.resolve(name), bytes);
    }

    /** A tar with a frontend dump and one hostile entry: {@code name} as a file, or as a symbolic link to {@code linkTo}. */
    private Path hostileTar(String file, String name, String linkTo) throws Exception {
        Path f = dir.resolve(file);
        byte[] sql = "SELECT 1;\n".getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = Files.newOutputStream(f); TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            TarArchiveEntry e = linkTo == null ? new TarArchiveEntry(name, true) : new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK, true);
            if (linkTo != null) e.setLinkName(linkTo);
            e.setSize(linkTo == null ? sql.length : 0);
            tar.putArchiveEntry(e);
            if (linkTo == null) tar.write(sql);
            tar.closeArchiveEntry();
        }
        return f;
    }

    /** The load stops with one clear error naming {@code said}; the new host is as it was and no run was started. */
    private void assertRefused(Path payload, String said, String before, String... keys) throws Exception {
        List<String> args = new java.util.ArrayList<>(load(payload, keys));
        args.add("--yes");
        Result r = run.sgmigrate(args);
        assertTrue(r.code() != 0, payload + ": " + r.out() + r.err());
        assertTrue((r.out() + r.err()).contains(said), payload + " should say \"" + said + "\": " + r.out() + r.err());
        assertFalse((r.out() + r.err()).contains("Exception"), "no stack trace: " + r.out() + r.err());
        assertEquals(before, run.hostState(false), payload + ": the new host changed");
        Files.deleteIfExists(dir.resolve("load.json"));
    }
}
