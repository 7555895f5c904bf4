package io.sgmigrate.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.docker.Container;
import io.sgmigrate.engine.docker.DockerCli;
import io.sgmigrate.engine.lab.LabEnvironment;
import io.sgmigrate.engine.prompt.HostKeyDecision;
import io.sgmigrate.engine.probe.HostProbe;
import io.sgmigrate.engine.probe.HostReport;
import io.sgmigrate.engine.shell.RemoteCommand;
import io.sgmigrate.engine.ssh.SshConnection;
import io.sgmigrate.engine.ssh.SshConnector;
import io.sgmigrate.support.Lab;
import io.sgmigrate.support.ScriptedPrompter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Through the lab's real sshd into each host's own Docker engine: the hosts are what the lab promises. */
@Tag("lab")
class LabHostsTest {
    static LabEnvironment lab;

    @BeforeAll
    static void lab() {
        lab = Lab.require();
    }

    private static SshConnection connect(String which) {
        ScriptedPrompter neverAsked = new ScriptedPrompter(HostKeyDecision.REJECT);
        SshConnection c = new SshConnector(neverAsked).connect(
                which.equals("source") ? Lab.source(lab) : Lab.target(lab), Lab.options(lab));
        assertTrue(neverAsked.hostKeyQuestions.isEmpty(), "the lab's known_hosts knows the key");
        return c;
    }

    private static List<String> lines(String s) {
        return s.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    @Test
    void theOldHostRunsTheSingleContainerWithItsDatabases() {
        try (SshConnection c = connect("source")) {
            assertEquals(lab.require("LAB_SOURCE_HOSTKEY_SHA256"), c.hostKeyFingerprint());
            assertEquals("sgold", c.run(RemoteCommand.of("id", "-un")).stdout().strip(), "an ordinary user, not root");
            String container = lab.get("LAB_SOURCE_CONTAINER").orElse("sourcegraph");
            Container sg = new DockerCli(c).container(container).orElseThrow();
            assertTrue(sg.running(), sg.toString());
            assertEquals("sourcegraph/server", sg.imageRepository());
            assertEquals(lab.version(), sg.imageTag());

            String dbs = new DockerCli(c).exec(container, List.of("psql", "-U", "postgres", "-At", "-c",
                    "select datname from pg_database where not datistemplate order by 1")).stdout();
            Set<String> expected = new TreeSet<>(Arrays.asList(lab.require("LAB_SOURCE_DATABASES").split(",")));
            assertTrue(lines(dbs).containsAll(expected), "databases " + lines(dbs) + " include " + expected);
            assertEquals(atLeast("3.21", lab.version()), expected.contains("sourcegraph-codeintel"));

            String counts = new DockerCli(c).exec(container, List.of("psql", "-U", "postgres", "-d", "sourcegraph", "-At", "-c",
                    "select (select count(*) from users) || ' ' || (select count(*) from event_logs) || ' '"
                            + " || (select count(*) from critical_and_site_config where contents like '%externalURL%')"
                            + " || ' ' || (select version from versions where service = 'frontend')")).stdout().strip();
            String[] f = counts.split(" ");
            assertTrue(Integer.parseInt(f[0]) > 0, counts);
            assertTrue(Integer.parseInt(f[1]) >= 1000, "a larger table: " + counts);
            assertTrue(Integer.parseInt(f[2]) >= 1, "site config with externalURL: " + counts);
            assertEquals(lab.version(), f[3], counts);
        }
    }

    @Test
    void theNewHostRunsAFreshComposeDeployment() {
        try (SshConnection c = connect("target")) {
            assertEquals(lab.require("LAB_TARGET_HOSTKEY_SHA256"), c.hostKeyFingerprint());
            assertEquals("sgnew", c.run(RemoteCommand.of("id", "-un")).stdout().strip());
            DockerCli docker = new DockerCli(c);
            Set<String> running = docker.containers().stream().filter(Container::running).map(Container::name).collect(Collectors.toSet());
            for (String s : List.of("pgsql", "codeintel-db", "codeinsights-db")) {
                assertTrue(running.contains(s), s + " runs; running: " + running);
            }
            assertTrue(running.stream().anyMatch(n -> n.contains("frontend")), "a frontend runs: " + running);

            for (String db : List.of("pgsql", "codeintel-db")) {
                String owner = docker.exec(db, List.of("psql", "-U", "sg", "-d", "sg", "-At", "-c",
                        "select pg_get_userbyid(datdba) from pg_database where datname = 'sg'")).stdout().strip();
                assertEquals("sg", owner, db);
                // A fresh install: the schema its frontend or migrator created, and no data.
                String tables = docker.exec(db, List.of("psql", "-U", "sg", "-d", "sg", "-At", "-c",
                        "select count(*) from pg_tables where schemaname = 'public'")).stdout().strip();
                assertTrue(Integer.parseInt(tables) > 0, db + " has the schema: " + tables);
            }
            assertEquals("0", docker.exec("pgsql", List.of("psql", "-U", "sg", "-d", "sg", "-At", "-c", "select count(*) from users")).stdout().strip());
            if ("1".equals(lab.get("LAB_TARGET_MIGRATOR").orElse("0"))) {
                assertTrue(docker.containers().stream().anyMatch(x -> x.name().equals("migrator") && x.exitedCleanly()), "the one-shot migrator exited 0");
            }
            String composeDir = lab.composeDir();
            String dbOnly = lab.require("LAB_TARGET_DB_ONLY_FILE");
            assertEquals(0, c.run(RemoteCommand.of("test", "-f", composeDir + "/docker-compose.yaml")).exitCode());
            assertEquals(0, c.run(RemoteCommand.of("test", "-f", composeDir + "/" + dbOnly)).exitCode(), dbOnly);
            assertEquals(atLeast("3.25", lab.require("LAB_TARGET_VERSION")) ? "db-only-migrate.docker-compose.yaml"
                    : "pgsql-only-migrate.docker-compose.yaml", dbOnly);
        }
    }

    @Test
    void theProbeSeesBothHosts() {
        HostProbe probe = new HostProbe(new SshConnector(new ScriptedPrompter(HostKeyDecision.REJECT)));
        HostReport src = probe.probe(Lab.source(lab), Lab.options(lab));
        HostReport dst = probe.probe(Lab.target(lab), Lab.options(lab));
        assertTrue(src.containers().stream().anyMatch(x -> x.imageRepository().equals("sourcegraph/server")));
        assertTrue(dst.containers().stream().anyMatch(x -> x.name().equals("pgsql")));
        assertTrue(!src.dockerVersion().isBlank() && !dst.dockerVersion().isBlank());
    }

    @Test
    void aRealSshdWithAChangedKeyIsAHardStop(@TempDir Path tmp) throws Exception {
        // Record the target's key under the source's name: the source now presents a "changed" key.
        String targetLine = Files.readAllLines(lab.knownHosts()).stream()
                .filter(l -> l.startsWith("[127.0.0.1]:" + Lab.target(lab).port() + " ")).findFirst().orElseThrow();
        Path kh = tmp.resolve("known_hosts");
        Files.writeString(kh, targetLine.replaceFirst("^\\S+", "[127.0.0.1]:" + Lab.source(lab).port()) + "\n");
        ScriptedPrompter wouldAccept = new ScriptedPrompter(HostKeyDecision.ACCEPT_ONCE);
        Problem p = assertThrows(Problem.class, () -> new SshConnector(wouldAccept).connect(Lab.source(lab), Lab.options(lab).withKnownHosts(kh)));
        assertEquals(Problem.Kind.HOST_KEY, p.kind());
        assertTrue(p.what().contains("CHANGED") && p.what().contains(lab.require("LAB_SOURCE_HOSTKEY_SHA256")), p.what());
        assertTrue(wouldAccept.hostKeyQuestions.isEmpty());
    }

    @Test
    void preflightReadsEachDatabaseContainersDevShmAndTheHostsCpus() {
        try (SshConnection c = connect("target")) {
            assertEquals(java.util.OptionalLong.of(64L << 20), io.sgmigrate.engine.migrate.RestoreTuning.shmSize(c, "pgsql"), "Docker's default");
            String image = c.runChecked(RemoteCommand.of("docker", "inspect", "--format", "{{.Config.Image}}", "pgsql")).stdout().strip();
            String probe = "sgmigrate-shm-probe";
            c.run(RemoteCommand.of("docker", "rm", "-f", probe));
            c.runChecked(RemoteCommand.of("docker", "create", "--name", probe, "--shm-size", "8m", image));
            try {
                assertEquals(java.util.OptionalLong.of(8L << 20), io.sgmigrate.engine.migrate.RestoreTuning.shmSize(c, probe), "a compose file's shm_size");
            } finally {
                c.run(RemoteCommand.of("docker", "rm", "-f", probe));
            }
            assertTrue(io.sgmigrate.engine.migrate.RestoreTuning.shmSize(c, "no-such-container").isEmpty());
            long[] host = io.sgmigrate.engine.migrate.RestoreTuning.hostResources(c);
            assertEquals(Runtime.getRuntime().availableProcessors(), host[0], "the lab's hosts share this machine's CPUs");
            assertTrue(host[1] > 1L << 30, "memory in bytes: " + host[1]);
        }
    }

    @Test
    void anEncryptedLabKeyWorksWithItsPassphrase() throws Exception {
        Path key = Path.of(lab.require("LAB_IDENTITY_ENCRYPTED"));
        String pass = Files.readString(Path.of(lab.require("LAB_IDENTITY_PASSPHRASE_FILE"))).strip();
        ScriptedPrompter prompter = new ScriptedPrompter(HostKeyDecision.REJECT, pass);
        try (SshConnection c = new SshConnector(prompter).connect(Lab.target(lab), Lab.options(lab).withIdentity(key))) {
            assertEquals("sgnew", c.run(RemoteCommand.of("id", "-un")).stdout().strip());
        }
        assertEquals(1, prompter.secretQuestions.size());
        assertTrue(prompter.handedOut.get(0).isWiped());
    }

    static boolean atLeast(String min, String version) {
        String[] a = version.split("\\."), b = min.split("\\.");
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            int x = i < a.length ? Integer.parseInt(a[i].replaceAll("\\D.*", "")) : 0;
            int y = i < b.length ? Integer.parseInt(b[i]) : 0;
            if (x != y) return x > y;
        }
        return true;
    }
}
