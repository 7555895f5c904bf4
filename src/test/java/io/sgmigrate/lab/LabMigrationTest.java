package io.sgmigrate.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.engine.docker.DockerCli;
import io.sgmigrate.engine.lab.LabEnvironment;
import io.sgmigrate.engine.prompt.HostKeyDecision;
import io.sgmigrate.engine.shell.RemoteCommand;
import io.sgmigrate.engine.ssh.SshConnection;
import io.sgmigrate.engine.ssh.SshConnector;
import io.sgmigrate.support.Lab;
import io.sgmigrate.support.ScriptedPrompter;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole docker-to-compose migration, as a person runs it, against the lab's real hosts. */
@Tag("lab")
class LabMigrationTest {
    LabEnvironment lab;
    @TempDir
    Path dir;

    @BeforeEach
    void lab() {
        lab = Lab.require();
    }

    /** Leaves the new host as lab/up made it: a fresh deployment with empty databases. */
    @AfterEach
    void freshTargetAgain() {
        try (SshConnection t = connect(lab.target())) {
            String full = lab.composeDir() + "/docker-compose.yaml";
            t.runChecked(RemoteCommand.of("docker-compose", "-f", full, "down", "--volumes"));
            t.runChecked(RemoteCommand.of("docker-compose", "-f", full, "up", "-d"));
            for (int i = 0; i < 120 && !t.run(RemoteCommand.of("docker", "exec", "pgsql", "psql", "-U", "sg", "-d", "sg", "-c", "select 1")).ok(); i++) {
                Thread.sleep(500);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private SshConnection connect(String address) {
        return new SshConnector(new ScriptedPrompter(HostKeyDecision.REJECT)).connect(io.sgmigrate.engine.ssh.SshAddress.parse(address), Lab.options(lab));
    }

    private List<String> args(String... extra) {
        List<String> a = new ArrayList<>(List.of("docker-to-compose", "--source", lab.source(), "--target", lab.target(),
                "--compose-dir", lab.composeDir(), "--identity", lab.identity().toString(), "--known-hosts", lab.knownHosts().toString(),
                "--no-agent", "--journal", dir.resolve("run.json").toString()));
        a.addAll(List.of(extra));
        return a;
    }

    record Run(int code, String out, String err) {}

    /** Runs sgmigrate in its own JVM; when {@code killWhen} matches a line of its output, kills it like a closed terminal would. */
    private Run sgmigrate(List<String> args, Predicate<String> killWhen) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.sgmigrate.Main"));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectError(dir.resolve("stderr.txt").toFile()).start();
        p.getOutputStream().close();
        StringBuilder out = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                out.append(line).append('\n');
                if (killWhen != null && killWhen.test(line)) {
                    p.destroyForcibly();
                    break;
                }
            }
        }
        assertTrue(p.waitFor(600, TimeUnit.SECONDS), "sgmigrate finished");
        return new Run(p.exitValue(), out.toString(), Files.readString(dir.resolve("stderr.txt")));
    }

    private String sourceCount(String sql) {
        try (SshConnection s = connect(lab.source())) {
            return new DockerCli(s).exec("sourcegraph", List.of("psql", "-U", "postgres", "-d", "sourcegraph", "-At", "-c", sql)).stdout().strip();
        }
    }

    private String targetCount(String sql) {
        try (SshConnection t = connect(lab.target())) {
            return new DockerCli(t).exec("pgsql", List.of("psql", "-U", "sg", "-d", "sg", "-At", "-c", sql)).stdout().strip();
        }
    }

    @Test
    void aDryRunPrintsEveryCommandAndChangesNothing() throws Exception {
        Run r = sgmigrate(args("--dry-run"), null);
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("### old host " + Lab.source(lab).display()), r.out());
        assertTrue(r.out().contains("docker exec -i sourcegraph pg_dump -U postgres --no-owner --no-privileges --format=plain sourcegraph"), r.out());
        assertTrue(r.out().contains("docker-compose -f " + lab.composeDir() + "/docker-compose.yaml down --volumes"), r.out());
        assertTrue(r.out().contains("ALTER DATABASE sgmigrate_restore RENAME TO sg"), r.out());
        assertTrue(r.out().contains("PASS  Versions match"), r.out());
        assertEquals("0", targetCount("select count(*) from pg_tables where schemaname = 'public'"), "nothing restored");
        assertFalse(Files.exists(dir.resolve("run.json")), "a dry run writes no journal");
    }

    @Test
    void aNamedContainerIsUsedAndAWrongNameStopsAtPreflight() throws Exception {
        Run ok = sgmigrate(args("--dry-run", "--container", "sourcegraph"), null);
        assertEquals(0, ok.code(), ok.out() + ok.err());
        assertTrue(ok.out().contains("PASS  Sourcegraph container: sourcegraph (sourcegraph/server:" + lab.version() + ")"), ok.out());
        Run bad = sgmigrate(args("--container", "no-such-container", "--yes"), null);
        assertEquals(14, bad.code(), bad.out() + bad.err());
        assertTrue(bad.out().contains("FAIL  Sourcegraph container: No container named no-such-container"), bad.out());
        assertTrue(bad.err().startsWith("sgmigrate: Pre-flight failed: Sourcegraph container"), bad.err());
        assertEquals("0", targetCount("select count(*) from pg_tables where schemaname = 'public'"), "nothing changed");
    }

    @Test
    void aFullMigrationMovesEveryRowAndVerifies() throws Exception {
        Run r = sgmigrate(args("--yes", "--compression", "gzip"), null);
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("Migration complete"), r.out());
        for (String q : List.of("select count(*) from event_logs", "select count(*) from users", "select count(*) from repo",
                "select contents from critical_and_site_config where type = 'site' order by id desc limit 1",
                "select last_value from event_logs_id_seq")) {
            assertEquals(sourceCount(q), targetCount(q), q);
        }
        assertTrue(targetCount("select contents from critical_and_site_config where type = 'site'").contains("externalURL"));
        assertEquals("sg", targetCount("select pg_get_userbyid(datdba) from pg_database where datname = 'sg'"));
        try (SshConnection t = connect(lab.target())) {
            String staged = io.sgmigrate.engine.journal.Journal.load(dir.resolve("run.json")).outputs("transfer").get("payloadPath");
            assertTrue(staged.endsWith(".payload.gpg"), staged);
            assertFalse(t.run(RemoteCommand.of("test", "-e", staged)).ok(), "the staged payload is removed after success");
            assertTrue(new DockerCli(t).containers().stream().anyMatch(c -> c.name().equals("sourcegraph-frontend-0") && c.running()));
        }
        String key = Files.readString(dir.resolve("run.key"));
        assertFalse(r.out().contains(key.strip()), "the passphrase is never printed");
        assertFalse(Files.readString(dir.resolve("run.json")).contains(key.strip()), "nor journalled");

        // Now the new host holds data: an unattended run must refuse to replace it, and leave it as it is.
        String users = targetCount("select count(*) from users");
        Run again = sgmigrate(List.of("docker-to-compose", "--source", lab.source(), "--target", lab.target(),
                "--compose-dir", lab.composeDir(), "--identity", lab.identity().toString(), "--known-hosts", lab.knownHosts().toString(),
                "--no-agent", "--journal", dir.resolve("again.json").toString(), "--yes"), null);
        assertEquals(14, again.code(), again.out() + again.err());
        assertTrue(again.out().contains("WARN  New host's databases: WARNING"), again.out());
        assertTrue(again.err().contains("are not empty, and an unattended run (--yes) never replaces data"), again.err());
        assertEquals(1, again.err().strip().lines().count(), "one line on stderr: " + again.err());
        assertEquals(users, targetCount("select count(*) from users"));
    }

    @Test
    void theOldInstanceMayKeepWritingWhileItIsDumped() throws Exception {
        long before = Long.parseLong(sourceCount("select count(*) from event_logs"));
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger batches = new java.util.concurrent.atomic.AtomicInteger();
        Thread writer = new Thread(() -> {
            try (SshConnection s = connect(lab.source())) {
                while (!stop.get()) {
                    new DockerCli(s).exec("sourcegraph", List.of("psql", "-U", "postgres", "-d", "sourcegraph", "-c",
                            "insert into event_logs (name, url, user_id, anonymous_user_id, source, version, timestamp)"
                                    + " select 'LiveWrite', 'u', 1, 'a', 'TEST', 'v', now() from generate_series(1, 200)"));
                    batches.incrementAndGet();
                }
            }
        });
        writer.start();
        Run r;
        try {
            r = sgmigrate(args("--yes"), null);
        } finally {
            stop.set(true);
            writer.join();
        }
        assertEquals(0, r.code(), "verification compares with the dump's own snapshot, not a moving count: " + r.out() + r.err());
        long migrated = Long.parseLong(targetCount("select count(*) from event_logs"));
        long after = Long.parseLong(sourceCount("select count(*) from event_logs"));
        assertTrue(batches.get() > 0);
        assertTrue(migrated >= before && migrated <= after, before + " <= " + migrated + " <= " + after);
        assertEquals(0, migrated % 200 - before % 200, "whole insert transactions only");
    }

    @Test
    void killedAfterTheTransferItResumesWithoutDumpingAgain() throws Exception {
        Run first = sgmigrate(args("--yes"), line -> line.startsWith("[4/"));
        assertTrue(first.out().contains("[3/11] Dump, encrypt and move the databases"), first.out());
        assertEquals("0", targetCount("select count(*) from pg_tables where schemaname = 'public'"), "the target was not touched yet");
        Run second = sgmigrate(args("--yes", "--resume"), null);
        assertEquals(0, second.code(), second.out() + second.err());
        assertTrue(second.out().contains("Dump, encrypt and move the databases: skipped"), second.out());
        assertEquals(sourceCount("select count(*) from event_logs"), targetCount("select count(*) from event_logs"));
    }

    @Test
    void killedDuringTheRestoreItResumesAndStillVerifies() throws Exception {
        Run first = sgmigrate(args("--yes"), line -> line.startsWith("[7/"));
        assertTrue(first.out().contains("Stop the new deployment"), first.out());
        Run second = sgmigrate(args("--yes", "--resume"), null);
        assertEquals(0, second.code(), second.out() + second.err());
        assertTrue(second.out().contains("Stop the new deployment and remove its volumes: skipped"), "a destructive step is never repeated: " + second.out());
        assertEquals(sourceCount("select count(*) from users"), targetCount("select count(*) from users"));
    }
}
