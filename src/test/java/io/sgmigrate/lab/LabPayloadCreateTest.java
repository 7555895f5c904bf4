package io.sgmigrate.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sgmigrate.engine.shell.RemoteCommand;
import io.sgmigrate.engine.ssh.SshConnection;
import io.sgmigrate.engine.transfer.LocalPayloadFile;
import io.sgmigrate.support.CustomerPayloads;
import io.sgmigrate.support.LabRun.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The customer's end of the support flow against the lab: {@code sgmigrate payload create} from the old single container,
 * opened with nothing but gpg, tar and zstd as its README says, each dump loaded by plain psql into a fresh database, and
 * the same file loaded by {@code payload load}. The old instance is only read.
 */
class LabPayloadCreateTest extends LabLoadCase {
    private static final String KEY_PASS = "support key passphrase";

    List<String> create(Path out, String... extra) {
        List<String> a = new ArrayList<>(List.of("--source", lab.source()));
        a.addAll(List.of(extra));
        return createFrom(out, a.toArray(String[]::new));
    }

    /** The create with the source given in {@code extra}. */
    List<String> createFrom(Path out, String... extra) {
        List<String> a = new ArrayList<>(List.of("payload", "create", "--out", out.toString(),
                "--identity", lab.identity().toString(), "--known-hosts", lab.knownHosts().toString(), "--no-agent"));
        a.addAll(List.of(extra));
        return a;
    }

    @Test
    void aPayloadForTwoRecipientsOpensWithGpgAndItsReadmeAndLoadsWithPayloadLoad() throws Exception {
        String a = make.newKey("Support A <a@example.com>", KEY_PASS);
        String b = make.newKey("Support B <b@example.com>", KEY_PASS);
        Path pubA = make.exportPublic(a, dir.resolve("a.asc"));
        Path pubB = make.exportPublic(b, dir.resolve("b.asc"));
        Path secretA = make.exportSecret(a, KEY_PASS, dir.resolve("a-secret.asc"));
        Path secretB = make.exportSecret(b, KEY_PASS, dir.resolve("b-secret.asc"));
        String customer = make.newKey("Customer Admin <admin@customer.example.com>", "customer key passphrase");
        Path customerSecret = make.exportSecret(customer, "customer key passphrase", dir.resolve("customer-secret.asc"));
        Path customerPublic = make.exportPublic(customer, dir.resolve("customer.asc"));
        Path signPass = java.nio.file.Files.writeString(dir.resolve("sign.pass"), "customer key passphrase\n");
        Path out = dir.resolve("customer.payload.gpg");
        String oldBefore = run.hostState(true);

        Result dry = run.sgmigrate(create(out, "--recipient", pubA.toString(), "--dry-run"));
        assertEquals(0, dry.code(), dry.out() + dry.err());
        assertTrue(dry.out().contains("pg_dump -U postgres --no-owner --no-privileges --format=plain sourcegraph"), dry.out());
        assertTrue(dry.out().contains("config/site-config.json"), dry.out());
        assertFalse(Files.exists(out), "a dry run writes nothing");

        Result r = run.sgmigrate(create(out, "--recipient", pubA.toString(), "--recipient", pubB.toString(),
                "--sign-with", customerSecret.toString(), "--sign-passphrase-file", signPass.toString()));
        assertEquals(0, r.code(), r.out() + r.err());
        // 3.13.1 is older than seed 001's 3.20.0: a warning, not a stop, without --for managed-instance.
        assertTrue(r.out().contains("Qualifies: Sourcegraph version"), r.out());
        assertTrue(r.out().contains("For the support ticket:"), r.out());
        assertTrue(r.out().contains(a) && r.out().contains(b), "the handover names both recipients' fingerprints: " + r.out());
        assertTrue(r.out().contains("; signed by " + customer), "and the signer's: " + r.out());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
        assertFalse(Files.exists(out.resolveSibling(out.getFileName() + ".partial")));
        assertTrue(r.out().contains(CustomerPayloads.exec(List.of("sha256sum", out.toString()), null).split("\\s+")[0]), "the handover's SHA-256 is the file's");
        assertTrue(CustomerPayloads.exec(List.of("sh", "-c", "cd \"$1\" && sha256sum -c \"$2\"", "sh", dir.toString(), out.getFileName() + ".sha256"), null)
                .contains(": OK"));
        assertEquals(oldBefore, run.hostState(true), "the old instance is only read");

        // Each recipient opens it with gpg alone, in a keyring holding only their own key; then what README.txt says gives the dumps.
        for (Path secret : List.of(secretA, secretB)) {
            Path home = Files.createDirectories(dir.resolve("gnupg-" + secret.getFileName()));
            Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
            CustomerPayloads.exec(List.of("gpg", "--homedir", home.toString(), "--batch", "--pinentry-mode", "loopback", "--passphrase", KEY_PASS,
                    "--import", secret.toString(), customerPublic.toString()), null);
            Path opened = Files.createDirectories(dir.resolve("opened-" + secret.getFileName()));
            Path status = dir.resolve("gpg-status-" + secret.getFileName());
            CustomerPayloads.exec(List.of("sh", "-c", "gpg --homedir \"$1\" --batch --trust-model always --status-file \"$5\" --pinentry-mode loopback"
                    + " --passphrase \"$2\" --decrypt \"$3\" | tar -x -C \"$4\"", "sh", home.toString(), KEY_PASS, out.toString(), opened.toString(),
                    status.toString()), null);
            String said = Files.readString(status);
            assertTrue(said.contains("[GNUPG:] GOODSIG") && said.contains("[GNUPG:] VALIDSIG"), "gpg checks the customer's signature: " + said);
            assertTrue(Files.isRegularFile(opened.resolve("README.txt")));
            assertTrue(Files.isRegularFile(opened.resolve("members/config/site-config.json/part-000001.zst")));
        }
        Path opened = dir.resolve("opened-" + secretA.getFileName());
        String readme = Files.readString(opened.resolve("README.txt"));
        String join = readme.lines().filter(l -> l.contains("cat members/dumps/sourcegraph.sql/part-*")).findFirst().orElseThrow(() -> new AssertionError(readme)).strip();
        JsonNode manifest = new ObjectMapper().readTree(opened.resolve("manifest.json").toFile());
        int loaded = 0;
        for (String db : lab.sourceDatabases()) {
            String command = join.replace("sourcegraph.sql", db + ".sql");
            CustomerPayloads.exec(List.of("sh", "-c", "cd \"$1\" && " + command, "sh", opened.toString()), null);
            Path dump = opened.resolve(db + ".sql");
            String sha = CustomerPayloads.exec(List.of("sha256sum", dump.toString()), null).split("\\s+")[0];
            String listed = null;
            for (JsonNode m : manifest.path("members")) if (m.path("name").asText().equals("dumps/" + db + ".sql")) listed = m.path("sha256").asText();
            assertEquals(listed, sha, "the README's command gives the member the manifest lists: " + db);
            if (db.equals("sourcegraph")) {
                plainPsqlInto("sgcheck", dump);
                for (String table : TABLES) {
                    String source = run.onSource(LabMigrationTest.contentSql(table));
                    if (source.equals("absent")) continue;
                    assertEquals(source, run.onTargetDatabase("sgcheck", LabMigrationTest.contentSql(table)), "contents of " + table + " by plain psql");
                    loaded++;
                }
                assertEquals(run.onSource("select last_value from event_logs_id_seq"), run.onTargetDatabase("sgcheck", "select last_value from event_logs_id_seq"));
                run.onTargetDatabase("postgres", "drop database sgcheck");
            }
        }
        assertTrue(loaded >= 6, "core tables compared: " + loaded);
        // The configuration exactly as the instance stores it (comments and all).
        String site = CustomerPayloads.exec(List.of("sh", "-c", "cd \"$1\" && cat members/config/site-config.json/part-* | zstd -dc", "sh", opened.toString()), null);
        assertEquals(run.onSource(io.sgmigrate.engine.snapshot.SnapshotTaker.LATEST_SITE_CONFIG), site.strip());
        String hosts = CustomerPayloads.exec(List.of("sh", "-c", "cd \"$1\" && cat members/config/code-hosts.json/part-* | zstd -dc", "sh", opened.toString()), null);
        assertEquals(Integer.parseInt(run.onSource("select count(*) from external_services where deleted_at is null")), new ObjectMapper().readTree(hosts).size(), hosts);

        // sgmigrate's own inspect checks the signature too, and --signer pins it.
        Result inspect = run.sgmigrate(List.of("payload", "inspect", out.toString(), "--secret-key", secretA.toString(), "--key-passphrase-file",
                java.nio.file.Files.writeString(dir.resolve("a.pass"), KEY_PASS + "\n").toString(), "--signer", customerPublic.toString()));
        assertEquals(0, inspect.code(), inspect.out() + inspect.err());
        assertTrue(inspect.out().contains(customer), inspect.out());
        Result other = run.sgmigrate(List.of("payload", "inspect", out.toString(), "--secret-key", secretA.toString(), "--key-passphrase-file",
                dir.resolve("a.pass").toString(), "--signer", pubB.toString()));
        assertTrue(other.code() != 0, other.out());
        assertTrue(other.err().contains("is not signed by " + b), other.err());

        // The same file, with one recipient's secret key, into the lab's Compose host.
        Path keyPass = dir.resolve("key.pass");
        Files.writeString(keyPass, KEY_PASS + "\n");
        Result load = run.sgmigrate(load(out, "--secret-key", secretB.toString(), "--key-passphrase-file", keyPass.toString(), "--external-url", NEW_URL, "--yes"));
        assertEquals(0, load.code(), load.out() + load.err());
        assertLoaded(NEW_URL);

        // Now a Compose deployment holds the data: its payload, by the same README, gives what its own databases hold.
        String newBefore = run.hostState(false);
        Path fromCompose = dir.resolve("compose.payload.gpg");
        Result c = run.sgmigrate(createFrom(fromCompose, "--source", lab.target(), "--compose-dir", lab.composeDir(), "--recipient", pubA.toString()));
        assertEquals(0, c.code(), c.out() + c.err());
        assertTrue(c.out().contains("PASS  Compose directory (old host)"), c.out());
        assertEquals(newBefore, run.hostState(false), "a Compose source is only read");
        Path home = dir.resolve("gnupg-" + secretA.getFileName());
        Path openedCompose = Files.createDirectories(dir.resolve("opened-compose"));
        CustomerPayloads.exec(List.of("sh", "-c", "gpg --homedir \"$1\" --batch --pinentry-mode loopback --passphrase \"$2\" --decrypt \"$3\" | tar -x -C \"$4\"",
                "sh", home.toString(), KEY_PASS, fromCompose.toString(), openedCompose.toString()), null);
        String composeReadme = Files.readString(openedCompose.resolve("README.txt"));
        assertTrue(composeReadme.contains("Docker Compose (" + lab.composeDir() + ")"), composeReadme);
        CustomerPayloads.exec(List.of("sh", "-c", "cd \"$1\" && " + join, "sh", openedCompose.toString()), null);
        plainPsqlInto("sgcheck2", openedCompose.resolve("sourcegraph.sql"));
        for (String table : TABLES) {
            String held = run.onTarget(LabMigrationTest.contentSql(table));
            if (!held.equals("absent")) assertEquals(held, run.onTargetDatabase("sgcheck2", LabMigrationTest.contentSql(table)), "contents of " + table + " from Compose");
        }
        run.onTargetDatabase("postgres", "drop database sgcheck2");
    }

    @Test
    void aStopAnywhereLeavesNoFileUnderTheFinalNameAndTheSameCommandRunsAgain() throws Exception {
        Path pub = make.exportPublic(make.newKey("Support <support@example.com>", ""), dir.resolve("support.asc"));
        int sourcePort = io.sgmigrate.engine.ssh.SshAddress.parse(lab.source()).port();
        String oldBefore = run.hostState(true);

        // Seed 001's rules stop a managed-instance payload of 3.13.1 in pre-flight, saying what to do.
        Path out = dir.resolve("customer.payload.gpg");
        Result managed = run.sgmigrate(create(out, "--recipient", pub.toString(), "--for", "managed-instance"));
        assertTrue(managed.code() != 0, managed.out());
        assertTrue(managed.out().contains("FAIL  Qualifies: Sourcegraph version: 3.13.1 is older than 3.20.0"), managed.out());
        assertTrue(managed.err().contains("Pre-flight"), managed.err());
        assertFalse(Files.exists(out));

        // Killed while the file is written (the old host's link slowed so that the write takes seconds), with a journal.
        Path journal = dir.resolve("create.json");
        try (AutoCloseable slow = io.sgmigrate.support.LabFaults.slowLinks("256kbit", sourcePort)) {
            Result killed = run.sgmigrate(create(out, "--recipient", pub.toString(), "--compression", "none", "--journal", journal.toString()), line -> line.contains("% "));
            assertTrue(killed.code() != 0, killed.out());
            assertTrue(killed.out().contains("[3/4] Dump, encrypt and write the payload file"), killed.out());
        }
        assertFalse(Files.exists(out), "a killed create leaves no file under the final name");
        assertEquals("RUNNING", io.sgmigrate.engine.journal.Journal.load(journal).step("write-payload").orElseThrow().state.name(), "the journal says where it stopped");
        // The journal belongs to this file: a resume that names another one is refused before anything is written.
        Path other = dir.resolve("other.payload.gpg");
        Result elsewhere = run.sgmigrate(create(other, "--recipient", pub.toString(), "--journal", journal.toString(), "--resume"));
        assertTrue(elsewhere.code() != 0, elsewhere.out());
        assertTrue(elsewhere.err().contains("payload file " + out + " \u2192 " + other), elsewhere.err());
        assertFalse(Files.exists(other));
        assertTrue(io.sgmigrate.engine.journal.Journal.load(journal).outputs("connect-source").containsKey("payload"), "a refused resume keeps the journal's binding");
        Path report = dir.resolve("report");
        Result again = run.sgmigrate(create(out, "--recipient", pub.toString(), "--journal", journal.toString(), "--resume", "--report", report.toString()));
        assertEquals(0, again.code(), again.out() + again.err());
        assertFalse(Files.exists(LocalPayloadFile.partial(out)), "the run again starts the file over; the killed run's part is gone");
        assertTrue(Files.exists(LocalPayloadFile.checksumFile(out)));
        // The report names the verdict and the file by the SHA-256 its checksum file holds.
        String sha = Files.readString(LocalPayloadFile.checksumFile(out)).split("\\s+")[0];
        JsonNode written = new ObjectMapper().readTree(report.resolve("report.json").toFile());
        assertEquals("WRITTEN AND CHECKED", written.path("verdict").asText(), written.toString());
        assertTrue(written.path("facts").path("For the support ticket").asText().contains("SHA-256 " + sha), written.toString());
        assertTrue(Files.readString(report.resolve("report.html")).contains(sha));
        // Run once more: already done, the handover line again, nothing written.
        Result done = run.sgmigrate(create(out, "--recipient", pub.toString(), "--journal", journal.toString(), "--resume"));
        assertEquals(0, done.code(), done.out() + done.err());
        assertTrue(done.out().contains("Already done") && done.out().contains("SHA-256 " + sha), done.out());

        // Room checked before the dump: a folder that cannot hold it stops pre-flight.
        Path tiny = dir.resolve("tiny");
        try (AutoCloseable fs = io.sgmigrate.support.LabFaults.smallFilesystem(tiny, "64k", "root")) {
            Result r = run.sgmigrate(create(tiny.resolve("p.gpg"), "--recipient", pub.toString()));
            assertTrue(r.code() != 0, r.out());
            assertTrue(r.out().contains("FAIL  Free space where the file goes"), r.out());
        }
        // The disk fills while the file is written: one clear message, nothing left under either name.
        Path small = dir.resolve("small");
        try (AutoCloseable fs = io.sgmigrate.support.LabFaults.smallFilesystem(small, "1400k", "root");
             AutoCloseable slow = io.sgmigrate.support.LabFaults.slowLinks("256kbit", sourcePort)) {
            Path p = small.resolve("p.gpg");
            Result r = run.sgmigrate(create(p, "--recipient", pub.toString(), "--compression", "none"), line -> line.contains("[3/4]"),
                    () -> io.sgmigrate.support.LabFaults.fill(small, 8), java.util.Map.of(), List.of());
            assertTrue(r.code() != 0, r.out() + r.err());
            assertTrue(r.err().contains("The disk holding " + small + " is full"), r.err());
            assertTrue(r.err().contains("Free space there or choose another --out"), r.err());
            assertFalse(r.err().contains("Exception"), "no stack trace: " + r.err());
            assertFalse(Files.exists(p));
            assertFalse(Files.exists(LocalPayloadFile.partial(p)));
        }
        assertEquals(oldBefore, run.hostState(true), "the old instance is only read, whatever stopped the create");
    }

    @Test
    void onDiskEncryptionIsFoundByItsKeysAndByItsRowsEachAlone() throws Exception {
        Path pub = make.exportPublic(make.newKey("Support <support@example.com>", ""), dir.resolve("support.asc"));
        Path out = dir.resolve("p.gpg");
        // Keys configured, no row encrypted yet (record-encrypter has not run).
        String id = run.onSource("insert into critical_and_site_config (type, contents) values ('site', '{\"encryption.keys\": {\"externalServiceKey\":"
                + " {\"type\": \"mounted\", \"keyname\": \"k\", \"filepath\": \"/keys/k\"}, \"userExternalAccountKey\": {\"type\": \"noop\"}}}') returning id");
        try {
            Result r = run.sgmigrate(create(out, "--recipient", pub.toString(), "--for", "managed-instance", "--dry-run"));
            assertTrue(r.code() != 0, r.out());
            assertTrue(r.out().contains("FAIL  Qualifies: no on-disk encryption: the site configuration sets encryption.keys externalServiceKey (mounted)"), r.out());
        } finally {
            run.onSource("delete from critical_and_site_config where id = " + id.lines().findFirst().orElseThrow().strip());
        }
        // Keys taken out of the config again, one code host still encrypted: found by its row, and never half-exported.
        String host = run.onSource("select min(id) from external_services where deleted_at is null");
        run.onSource("update external_services set encryption_key_id = 'lab-key' where id = " + host);
        try {
            Result strict = run.sgmigrate(create(out, "--recipient", pub.toString(), "--for", "managed-instance", "--dry-run"));
            assertTrue(strict.code() != 0, strict.out());
            assertTrue(strict.out().contains("FAIL  Qualifies: no on-disk encryption: rows are encrypted (external_services 1)"), strict.out());
            Result warned = run.sgmigrate(create(out, "--recipient", pub.toString()));
            assertEquals(0, warned.code(), warned.out() + warned.err());
            assertTrue(warned.out().contains("WARN  Qualifies: no on-disk encryption"), warned.out());
            assertTrue(warned.out().contains("WARN  Code host configurations: encrypted at rest"), warned.out());
            Path opened = Files.createDirectories(dir.resolve("opened-encrypted"));
            CustomerPayloads.exec(List.of("sh", "-c", "gpg --homedir \"$1\" --batch --decrypt \"$2\" 2>/dev/null | tar -x -C \"$3\"", "sh",
                    make.keyring().toString(), out.toString(), opened.toString()), null);
            JsonNode hosts = new ObjectMapper().readTree(CustomerPayloads.exec(List.of("sh", "-c",
                    "cd \"$1\" && cat members/config/code-hosts.json/part-* | zstd -dc", "sh", opened.toString()), null));
            int named = 0;
            for (JsonNode h : hosts) {
                if (h.path("encrypted").asBoolean(false)) {
                    assertTrue(h.path("config").isNull(), "an encrypted configuration is never half-exported: " + h);
                    named++;
                } else {
                    assertTrue(h.path("config").isTextual(), h.toString());
                }
            }
            assertEquals(1, named, hosts.toString());
        } finally {
            run.onSource("update external_services set encryption_key_id = '' where id = " + host);
        }
    }

    /** A dump fed by plain psql (ON_ERROR_STOP) into a new database of the new host's pgsql. */
    private void plainPsqlInto(String database, Path dump) throws Exception {
        run.onTargetDatabase("postgres", "create database " + database);
        try (SshConnection t = run.connect(lab.target()); var in = Files.newInputStream(dump)) {
            var err = new java.io.ByteArrayOutputStream();
            SshConnection.StreamResult res = t.stream(RemoteCommand.of("docker", "exec", "-i", "pgsql", "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1",
                    "-U", "sg", "-d", database), in, err);
            assertEquals(0, res.exitCode(), res.stderr() + err);
        }
    }
}
