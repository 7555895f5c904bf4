package io.sgmigrate.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.engine.docker.DockerCli;
import io.sgmigrate.engine.lab.LabEnvironment;
import io.sgmigrate.engine.prompt.HostKeyDecision;
import io.sgmigrate.engine.shell.RemoteCommand;
import io.sgmigrate.engine.ssh.SshAddress;
import io.sgmigrate.engine.ssh.SshConnection;
import io.sgmigrate.engine.ssh.SshConnector;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** sgmigrate run as a person runs it (its own JVM) against the lab, and what the lab's hosts hold. */
public final class LabRun {
    public record Result(int code, String out, String err) {}

    private final LabEnvironment lab;
    private final Path dir;

    public LabRun(LabEnvironment lab, Path dir) {
        this.lab = lab;
        this.dir = dir;
    }

    /** docker-to-compose with the lab's hosts, key and known_hosts, a journal in the test's folder, then {@code extra}. */
    public List<String> args(String... extra) {
        List<String> a = new ArrayList<>(List.of("docker-to-compose", "--source", lab.source(), "--target", lab.target(),
                "--compose-dir", lab.composeDir(), "--identity", lab.identity().toString(), "--known-hosts", lab.knownHosts().toString(),
                "--no-agent", "--journal", dir.resolve("run.json").toString()));
        a.addAll(List.of(extra));
        return a;
    }

    public Result sgmigrate(List<String> args) throws Exception {
        return sgmigrate(args, null);
    }

    /** Runs sgmigrate in its own JVM; when {@code killWhen} matches a line of its output, kills it as a closed terminal would. */
    public Result sgmigrate(List<String> args, Predicate<String> killWhen) throws Exception {
        return sgmigrate(args, killWhen, java.util.Map.of());
    }

    /** As above, with extra environment variables (e.g. SSH_AUTH_SOCK). */
    public Result sgmigrate(List<String> args, Predicate<String> killWhen, java.util.Map<String, String> env) throws Exception {
        return sgmigrate(args, killWhen, null, env, List.of());
    }

    /**
     * The general form: when {@code when} first matches a line, {@code action} runs (a fault injected at that moment)
     * and sgmigrate goes on; without an action it is killed there (kill -9, as a closed terminal or a crash would).
     */
    public Result sgmigrate(List<String> args, Predicate<String> when, Runnable action, java.util.Map<String, String> env, List<String> jvm) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvm);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.sgmigrate.Main"));
        cmd.addAll(args);
        Path stderr = Files.createTempFile(dir, "stderr", ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(stderr.toFile());
        pb.environment().remove("SSH_AUTH_SOCK");
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        StringBuilder out = new StringBuilder();
        boolean acted = false;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                out.append(line).append('\n');
                if (when != null && !acted && when.test(line)) {
                    acted = true;
                    if (action == null) {
                        p.destroyForcibly();
                        break;
                    }
                    action.run();
                }
            }
        }
        assertTrue(p.waitFor(600, TimeUnit.SECONDS), "sgmigrate finished");
        return new Result(p.exitValue(), out.toString(), Files.readString(stderr));
    }

    public SshConnection connect(String address) {
        return new SshConnector(new ScriptedPrompter(HostKeyDecision.REJECT)).connect(SshAddress.parse(address), Lab.options(lab));
    }

    /** One value from the old instance's frontend database. */
    public String onSource(String sql) {
        return onSource("sourcegraph", sql);
    }

    public String onSource(String database, String sql) {
        try (SshConnection s = connect(lab.source())) {
            return new DockerCli(s).exec(lab.sourceContainer(), List.of("psql", "-U", "postgres", "-d", database, "-At", "-c", sql)).stdout().strip();
        }
    }

    /** One value from the new host's {@code sg} database in {@code container} (pgsql or codeintel-db). */
    public String onTarget(String container, String sql) {
        try (SshConnection t = connect(lab.target())) {
            return new DockerCli(t).exec(container, List.of("psql", "-U", "sg", "-d", "sg", "-At", "-c", sql)).stdout().strip();
        }
    }

    public String onTarget(String sql) {
        return onTarget("pgsql", sql);
    }

    /** One value from another database of the new host's pgsql (template1, say). */
    public String onTargetDatabase(String database, String sql) {
        try (SshConnection t = connect(lab.target())) {
            return new DockerCli(t).exec("pgsql", List.of("psql", "-U", "sg", "-d", database, "-At", "-v", "ON_ERROR_STOP=1", "-c", sql)).stdout().strip();
        }
    }

    /** One value from the new host's code-insights database ({@code postgres} in codeinsights-db). */
    public String onTargetInsights(String sql) {
        try (SshConnection t = connect(lab.target())) {
            return new DockerCli(t).exec("codeinsights-db", List.of("psql", "-U", "postgres", "-d", "postgres", "-At", "-c", sql)).stdout().strip();
        }
    }

    /**
     * SHA-256 of a plain pg_dump of one of the old instance's databases: equal before and after means byte-for-byte
     * unchanged data. Recent pg_dump releases frame a dump with restrict and unrestrict meta-commands holding a random key; those are left out.
     */
    public String sourceDumpSha256(String database) {
        try (SshConnection s = connect(lab.source())) {
            return s.runChecked(RemoteCommand.of("sh", "-c", "docker exec -i \"$1\" pg_dump -U postgres \"$2\" | grep -v -E '^.(un)?restrict ' | sha256sum", "sh",
                    lab.sourceContainer(), database)).stdout().strip();
        }
    }

    /**
     * What a run could change on a host, as text to compare before and after: its containers (id, state, image),
     * volumes, the files under its home and the compose folder, and (old host) a checksum of each database's dump.
     */
    public String hostState(boolean old) {
        try (SshConnection c = connect(old ? lab.source() : lab.target())) {
            StringBuilder sb = new StringBuilder();
            sb.append(c.runChecked(RemoteCommand.of("docker", "ps", "-a", "--no-trunc", "--format", "{{.ID}} {{.Names}} {{.Image}} {{.State}}")).stdout());
            sb.append(c.runChecked(RemoteCommand.of("docker", "volume", "ls", "-q")).stdout());
            // Files under the home folder; the old instance's own data folder changes by itself (Postgres checkpoints), its dumps are compared below.
            sb.append(c.runChecked(RemoteCommand.of("sh", "-c", "find \"$HOME\" -xdev -path \"$HOME/.sourcegraph\" -prune -o -printf '%p %s %T@\\n' | sort",
                    "sh")).stdout());
            if (old) {
                for (String db : lab.sourceDatabases()) sb.append(db).append(' ').append(sourceDumpSha256(db)).append('\n');
            } else {
                sb.append(onTarget("select count(*) from pg_tables where schemaname = 'public'")).append('\n');
            }
            return sb.toString();
        }
    }
}
