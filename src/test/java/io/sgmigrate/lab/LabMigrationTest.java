package io.sgmigrate.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.engine.docker.DockerCli;
import io.sgmigrate.engine.journal.Journal;
import io.sgmigrate.engine.lab.LabEnvironment;
import io.sgmigrate.engine.migrate.DockerToCompose;
import io.sgmigrate.engine.migrate.MigrationListener;
import io.sgmigrate.engine.migrate.MigrationSettings;
import io.sgmigrate.engine.migrate.Step;
import io.sgmigrate.engine.payload.Compression;
import io.sgmigrate.engine.payload.Protection;
import io.sgmigrate.engine.prompt.HostKeyDecision;
import io.sgmigrate.engine.secret.Secret;
import io.sgmigrate.engine.shell.RemoteCommand;
import io.sgmigrate.engine.ssh.SshConnection;
import io.sgmigrate.support.Lab;
import io.sgmigrate.support.LabCase;
import io.sgmigrate.support.LabRun;
import io.sgmigrate.support.LabRun.Result;
import io.sgmigrate.support.ScriptedPrompter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The whole docker-to-compose migration, as a person runs it, against the lab's real hosts. */
class LabMigrationTest extends LabCase {
    /** Tables whose every row must arrive unchanged, compared by content, not only by count. */
    static final List<String> CORE_TABLES = List.of("users", "user_emails", "orgs", "org_members", "repo", "external_services",
            "settings", "critical_and_site_config", "saved_searches", "access_tokens", "event_logs");


    /** Leaves the new host as lab/up made it: a fresh deployment (the schema, no data), and no staged payloads. */
    @AfterEach
    void freshTargetAgain() {
        freshTarget(run, lab);
    }

    static void freshTarget(LabRun run, LabEnvironment lab) {
        try (SshConnection t = run.connect(lab.target())) {
            String full = lab.composeDir() + "/docker-compose.yaml";
            t.runChecked(RemoteCommand.of("docker-compose", "-f", full, "down", "--volumes"));
            t.runChecked(RemoteCommand.of("docker-compose", "-f", full, "up", "-d"));
            t.runChecked(RemoteCommand.of("sh", "-c", "rm -rf \"$HOME/sgmigrate-staging\""));
            // The frontend (or, from 3.37, the migrator) creates the schema on first start, as on a real fresh install.
            RemoteCommand schema = RemoteCommand.of("docker", "exec", "pgsql", "psql", "-U", "sg", "-d", "sg", "-At", "-c", "select count(*) from critical_and_site_config");
            for (int i = 0; i < 240 && !"1".equals(t.run(schema).stdout().strip()); i++) {
                Thread.sleep(250);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A content fingerprint of a table on either side (order-independent), or "absent". */
    static String contentSql(String table) {
        return "select case when to_regclass('public." + table + "') is null then 'absent' else"
                + " (select md5(coalesce(string_agg(r, '|' order by r), '')) from (select t::text as r from public." + table + " t) x) end";
    }

    private void assertSameData() {
        assertSameData(run, lab);
    }

    /** The new host holds exactly the old instance's data: core tables by content, sequences, owners, no scratch database left. */
    static void assertSameData(LabRun run, LabEnvironment lab) {
        int compared = 0;
        for (String table : CORE_TABLES) {
            String source = run.onSource(contentSql(table));
            if (source.equals("absent")) continue;   // not every version has every table
            assertEquals(source, run.onTarget(contentSql(table)), "contents of " + table);
            compared++;
        }
        assertTrue(compared >= 6, "the core tables exist in the lab: " + compared);
        assertEquals(run.onSource("select last_value from event_logs_id_seq"), run.onTarget("select last_value from event_logs_id_seq"));
        assertTrue(run.onTarget("select contents from critical_and_site_config where type = 'site'").contains("externalURL"));
        assertEquals("sg", run.onTarget("select pg_get_userbyid(datdba) from pg_database where datname = 'sg'"));
        assertEquals("", run.onTarget("select datname from pg_database where datname = 'sgmigrate_restore'"), "no scratch database left");
        if (lab.sourceDatabases().contains("sourcegraph-codeintel")) {
            assertEquals(run.onSource("sourcegraph-codeintel", "select count(*) from lsif_uploads"), run.onTarget("codeintel-db", "select count(*) from lsif_uploads"));
            assertEquals("sg", run.onTarget("codeintel-db", "select pg_get_userbyid(datdba) from pg_database where datname = 'sg'"));
        }
        if (lab.sourceDatabases().contains("sourcegraph-codeinsights")) {
            assertEquals(run.onSource("sourcegraph-codeinsights", contentSql("series_points")), run.onTargetInsights(contentSql("series_points")));
            assertEquals(run.onSource("sourcegraph-codeinsights", contentSql("insight_series")), run.onTargetInsights(contentSql("insight_series")));
            assertEquals("postgres", run.onTargetInsights("select pg_get_userbyid(datdba) from pg_database where datname = 'postgres'"));
        }
    }

    private String stagingLeftovers() {
        try (SshConnection t = run.connect(lab.target())) {
            return t.runChecked(RemoteCommand.of("sh", "-c", "ls -A \"$HOME/sgmigrate-staging\" 2>/dev/null || true")).stdout().strip();
        }
    }

    @Test
    void aDryRunPrintsEveryCommandAndChangesNothing() throws Exception {
        String oldBefore = run.hostState(true);
        String newBefore = run.hostState(false);
        Result r = run.sgmigrate(run.args("--dry-run"));
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("### old host " + Lab.source(lab).display()), r.out());
        assertTrue(r.out().contains("docker exec -i sourcegraph pg_dump -U postgres --no-owner --no-privileges --format=plain sourcegraph"), r.out());
        // The Compose the new host's login has: v1 docker-compose, or the v2 plugin (lab/up --compose v2), which wins when both are there.
        String compose = lab.get("LAB_TARGET_COMPOSE").orElse("docker-compose");
        assertTrue(r.out().contains("PASS  Docker Compose: " + compose + " " + (compose.equals("docker compose") ? "2." : "1.")), r.out());
        assertTrue(r.out().contains("\n" + compose + " -f " + lab.composeDir() + "/docker-compose.yaml stop "), r.out());
        assertFalse(r.out().contains("--volumes"), "no volume is removed: " + r.out());
        assertTrue(r.out().contains("ALTER DATABASE sgmigrate_restore RENAME TO \"sg\""), r.out());
        assertTrue(r.out().contains("PASS  Versions match"), r.out());
        assertTrue(r.out().contains("PASS  Restore stream: the dumps go to psql on the new host compressed (zstd), unpacked there by zstd"), r.out());
        assertTrue(r.out().contains("PASS  Dump stream: pg_dump's output is compressed on the old host (zstd -1)"), r.out());
        assertTrue(r.out().contains("| zstd -1 -q -c >&3; } 4>&1 ) || exit 70; exit \"${s:-71}\"' sgmigrate-dump docker exec -i sourcegraph pg_dump"), r.out());
        // The restoring psql's session settings, sized in pre-flight to the new host (the lab's: 2 CPUs or more, Docker's 64 MiB /dev/shm).
        assertTrue(r.out().contains("sh -c 'zstd -dc | \"$@\"' sgmigrate-restore docker exec -i -e 'PGOPTIONS=-c synchronous_commit=off -c maintenance_work_mem="), r.out());
        assertTrue(r.out().contains("' pgsql psql -X -q -v ON_ERROR_STOP=1 -U sg -d sgmigrate_restore"), r.out());
        assertTrue(r.out().matches("(?s).*PASS  Restore sessions: psql restores with synchronous_commit off and maintenance_work_mem [0-9.]+ [MG]iB, "
                + "[1-4] parallel workers? per index build \\([0-9]+ CPUs, 64\\.0 MiB /dev/shm in pgsql\\).*"), r.out());
        // A fresh target: its application services are stopped first and the restore runs while the dump streams in.
        int down = r.out().indexOf("docker-compose.yaml stop ");
        int restore = r.out().indexOf("sgmigrate-restore docker exec");
        int rename = r.out().indexOf("RENAME TO \"sg\"");
        assertTrue(0 < down && down < restore && restore < rename, r.out());
        // Nothing reads the payload back onto a fresh target: it is kept here, beside the journal, and crosses the new host's link once (into psql).
        assertTrue(r.out().matches("(?s).*PASS  Payload kept here: [0-9.]+ [KMGT]iB free in " + java.util.regex.Pattern.quote(dir.toString()) + " on this machine.*"), r.out());
        assertTrue(r.out().contains("### this machine (it keeps the payload)\n"), r.out());
        assertTrue(r.out().matches("(?s).*\nwrite " + java.util.regex.Pattern.quote(dir.toString()) + "/run-[0-9a-f]{8}\\.payload\\.gpg\\.partial \\(0600\\).*"), r.out());
        assertFalse(r.out().contains("sgmigrate-receive") || r.out().contains("sgmigrate-staging"), "nothing is staged on the new host: " + r.out());
        assertEquals(oldBefore, run.hostState(true), "the old host is unchanged");
        assertEquals(newBefore, run.hostState(false), "the new host is unchanged");
        assertFalse(Files.exists(dir.resolve("run.json")), "a dry run writes no journal");
    }

    @Test
    void aNamedContainerIsUsedAndAWrongNameStopsAtPreflight() throws Exception {
        Result ok = run.sgmigrate(run.args("--dry-run", "--container", "sourcegraph"));
        assertEquals(0, ok.code(), ok.out() + ok.err());
        assertTrue(ok.out().contains("PASS  Sourcegraph container: sourcegraph (sourcegraph/server:" + lab.version() + ")"), ok.out());
        Result bad = run.sgmigrate(run.args("--container", "no-such-container", "--yes"));
        assertEquals(14, bad.code(), bad.out() + bad.err());
        assertTrue(bad.out().contains("FAIL  Sourcegraph container: No container named no-such-container"), bad.out());
        assertTrue(bad.err().startsWith("sgmigrate: Pre-flight failed: Sourcegraph container"), bad.err());
        assertEquals("0", run.onTarget("select count(*) from users"), "nothing changed");
    }

    @Test
    void aFullMigrationMovesEveryRowAndVerifies() throws Exception {
        Map<String, String> dumpsBefore = new java.util.LinkedHashMap<>();
        for (String db : lab.sourceDatabases()) dumpsBefore.put(db, run.sourceDumpSha256(db));
        Result r = run.sgmigrate(run.args("--yes", "--compression", "gzip"));
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("Migration complete"), r.out());
        assertTrue(r.out().contains("restored while the dump streamed in"), r.out());
        assertTrue(r.out().contains("restoring sourcegraph into pgsql (sent compressed, unpacked on the new host)"), r.out());
        assertEquals("gzip", Journal.load(dir.resolve("run.json")).outputs("transfer").get("restoreStream"));
        assertEquals("zstd", Journal.load(dir.resolve("run.json")).outputs("transfer").get("dumpStream"), "compressed on the old host before it crossed");
        assertSameData();
        for (String db : lab.sourceDatabases()) assertEquals(dumpsBefore.get(db), run.sourceDumpSha256(db), "the old " + db + " is byte-for-byte unchanged");
        assertTrue(r.out().matches("(?s).*\\[6/11\\] Dump, encrypt and move the databases\n.*      done: [0-9.]+ [KMG]iB kept here at .*"), r.out());
        try (SshConnection t = run.connect(lab.target())) {
            String staged = Journal.load(dir.resolve("run.json")).outputs("transfer").get("payloadPath");
            assertTrue(staged.endsWith(".payload.gpg") && Path.of(staged).getParent().equals(dir.toAbsolutePath()), "kept beside the journal: " + staged);
            assertFalse(Files.exists(Path.of(staged)) || Files.exists(Path.of(staged + ".sha256")), "the kept payload is removed after success");
            assertEquals("", stagingLeftovers(), "nothing was staged on the new host");
            assertTrue(new DockerCli(t).containers().stream().anyMatch(c -> c.name().equals("sourcegraph-frontend-0") && c.running()));
        }
        String key = Files.readString(dir.resolve("run.key"));
        assertFalse(r.out().contains(key.strip()), "the passphrase is never printed");
        assertFalse(Files.readString(dir.resolve("run.json")).contains(key.strip()), "nor journalled");

        // Now the new host holds data: an unattended run must refuse to replace it, and leave it as it is.
        String users = run.onTarget("select count(*) from users");
        Result again = run.sgmigrate(List.of("docker-to-compose", "--source", lab.source(), "--target", lab.target(),
                "--compose-dir", lab.composeDir(), "--identity", lab.identity().toString(), "--known-hosts", lab.knownHosts().toString(),
                "--no-agent", "--journal", dir.resolve("again.json").toString(), "--yes"));
        assertEquals(14, again.code(), again.out() + again.err());
        assertTrue(again.out().contains("WARN  New host's databases: WARNING"), again.out());
        assertFalse(again.out().contains("Dump, encrypt and move"), "refused before anything moves: " + again.out());
        assertTrue(again.err().contains("are not empty, and an unattended run (--yes) never replaces data"), again.err());
        assertEquals(1, again.err().strip().lines().count(), "one line on stderr: " + again.err());
        assertEquals(users, run.onTarget("select count(*) from users"));

        // A person who types the host name replaces it; the payload is staged and checked before anything there stops.
        run.onTarget("insert into users (username) values ('only-on-the-new-host')");
        ScriptedPrompter person = new ScriptedPrompter(HostKeyDecision.REJECT);
        person.typed = Lab.target(lab).host();
        List<Step> order = new ArrayList<>();
        List<String> events = new ArrayList<>();
        MigrationListener listener = new MigrationListener() {
            @Override
            public void planned(List<Step> steps) {
                order.addAll(steps);
            }

            @Override
            public void stepStarted(Step step) {
                events.add(step.id());
            }
        };
        Journal journal = Journal.create(dir.resolve("person.json"), "person", Map.of());
        new DockerToCompose(settings(dir.resolve("person.json")), person, listener).run(journal);
        assertEquals(Step.order(false), order);
        assertTrue(events.indexOf("transfer") < events.indexOf("stop-target"), events.toString());
        assertEquals(1, person.confirmations.size());
        assertTrue(person.confirmations.get(0).startsWith("WARNING: the new host holds data."), person.confirmations.get(0));
        assertTrue(person.confirmations.get(0).contains("REPLACED: database sg in pgsql ("), person.confirmations.get(0));
        assertTrue(person.confirmations.get(0).contains((Long.parseLong(users) + 1) + " users"), "the new host's data, counted: " + person.confirmations.get(0));
        assertTrue(person.confirmations.get(0).matches("(?s).*kept: volume \\S+_pgsql \\(.*"), person.confirmations.get(0));
        assertEquals("0", run.onTarget("select count(*) from users where username = 'only-on-the-new-host'"));
        assertSameData();
    }

    private MigrationSettings settings(Path journal) {
        return new MigrationSettings(Lab.source(lab), Lab.target(lab), Lab.options(lab), lab.composeDir(), Optional.empty(),
                new Protection.Passphrase(Secret.adopt("a passphrase with 'quotes' and $(spaces)".toCharArray())), Optional.empty(),
                "passphrase", Compression.ZSTD, false, journal, Optional.empty(), Optional.empty());
    }

    @Test
    void theOldInstanceMayKeepWritingWhileItIsDumped() throws Exception {
        long before = Long.parseLong(run.onSource("select count(*) from event_logs"));
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger batches = new AtomicInteger();
        Thread writer = new Thread(() -> {
            try (SshConnection s = run.connect(lab.source())) {
                while (!stop.get()) {
                    new DockerCli(s).exec("sourcegraph", List.of("psql", "-U", "postgres", "-d", "sourcegraph", "-c",
                            "insert into event_logs (name, url, user_id, anonymous_user_id, source, version, timestamp)"
                                    + " select 'LiveWrite', 'u', 1, 'a', 'TEST', 'v', now() from generate_series(1, 200)"));
                    batches.incrementAndGet();
                }
            }
        });
        writer.start();
        Result r;
        try {
            r = run.sgmigrate(run.args("--yes"));
        } finally {
            stop.set(true);
            writer.join();
        }
        assertEquals(0, r.code(), "verification compares with the dump's own snapshot, not a moving count: " + r.out() + r.err());
        long migrated = Long.parseLong(run.onTarget("select count(*) from event_logs"));
        long after = Long.parseLong(run.onSource("select count(*) from event_logs"));
        assertTrue(batches.get() > 0);
        assertTrue(migrated >= before && migrated <= after, before + " <= " + migrated + " <= " + after);
        assertEquals(0, migrated % 200 - before % 200, "whole insert transactions only");
    }

    private static byte[] exec(Path cwd, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", cmd) + ": " + new String(out));
        return out;
    }

    @Test
    void killedAfterTheTransferItResumesWithoutDumpingAgain() throws Exception {
        // Also encrypted to a support engineer's key: the staged payload then opens with gpg and tar alone.
        Path gnupg = Files.createDirectories(dir.resolve("gnupg"));
        Files.setPosixFilePermissions(gnupg, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        exec(dir, "gpg", "--homedir", gnupg.toString(), "--batch", "--pinentry-mode", "loopback", "--passphrase", "",
                "--quick-gen-key", "Support <support@example.invalid>", "default", "default", "never");
        Files.write(dir.resolve("support.asc"), exec(dir, "gpg", "--homedir", gnupg.toString(), "--armor", "--export", "support@example.invalid"));
        Result first = run.sgmigrate(run.args("--yes", "--compression", "gzip", "--recipient", dir.resolve("support.asc").toString()),
                line -> line.startsWith("[7/"));
        assertTrue(first.out().contains("[6/11] Dump, encrypt and move the databases"), first.out());
        assertEquals("0", run.onTarget("select count(*) from users"), "sg was not touched yet");

        // The payload kept here, as sha256sum -c and gpg read it: no sgmigrate needed to open it.
        Path local = Path.of(Journal.load(dir.resolve("run.json")).outputs("transfer").get("payloadPath"));
        assertEquals(dir.toAbsolutePath(), local.getParent());
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(local)));
        exec(dir, "sha256sum", "-c", local.getFileName() + ".sha256");
        exec(dir, "gpg", "--homedir", gnupg.toString(), "--batch", "--pinentry-mode", "loopback", "--output", "payload.tar", "--decrypt", local.toString());
        exec(dir, "tar", "-xf", "payload.tar");
        var manifest = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve("manifest.json").toFile());
        String dumpSha = null;
        for (var m : manifest.path("members")) if (m.path("name").asText().equals("dumps/sourcegraph.sql")) dumpSha = m.path("sha256").asText();
        String joined = new String(exec(dir, "sh", "-c", "cat members/dumps/sourcegraph.sql/part-*.gz | gzip -dc | sha256sum")).split(" ")[0];
        assertEquals(dumpSha, joined, "the parts, in order, are the dump the manifest names");
        assertTrue(new String(exec(dir, "gzip", "-dc", "members/snapshot.json/part-000001.gz")).contains("\"frontend\""), "the source snapshot travels with the dumps");

        Result second = run.sgmigrate(run.args("--yes", "--resume"));
        assertEquals(0, second.code(), second.out() + second.err());
        assertTrue(second.out().contains("Dump, encrypt and move the databases: skipped"), second.out());
        assertSameData();
    }

    @Test
    void killedInTheMiddleOfTheTransferAndRestoreItResumes() throws Exception {
        Result first = run.sgmigrate(run.args("--yes"), line -> line.contains("restoring sourcegraph into pgsql"));
        assertFalse(first.out().contains("[7/"), first.out());
        assertEquals("0", run.onTarget("select count(*) from users"), "sg was not touched yet");
        Result second = run.sgmigrate(run.args("--yes", "--resume"));
        assertEquals(0, second.code(), second.out() + second.err());
        assertTrue(second.out().contains("Stop the new deployment's application services (databases and volumes stay): skipped"), "a step that changed the host is never repeated: " + second.out());
        assertFalse(second.out().contains("Dump, encrypt and move the databases: skipped"), "an unfinished transfer is done again: " + second.out());
        assertSameData();
        assertEquals("", stagingLeftovers(), "nothing was staged on the new host");
        try (var left = Files.list(dir)) {
            assertEquals(List.of(), left.map(x -> x.getFileName().toString()).filter(n -> n.contains(".payload.gpg")).toList(),
                    "neither the kept payload nor a .partial is left behind");
        }
    }

    @Test
    void killedWhileSwappingItResumes() throws Exception {
        Result first = run.sgmigrate(run.args("--yes"), line -> line.startsWith("[8/"));
        assertTrue(first.out().contains("Put the restored databases in place of sg"), first.out());
        Result second = run.sgmigrate(run.args("--yes", "--resume"));
        assertEquals(0, second.code(), second.out() + second.err());
        assertTrue(second.out().contains("Restore into scratch databases: skipped"), second.out());
        assertSameData();
    }
}
