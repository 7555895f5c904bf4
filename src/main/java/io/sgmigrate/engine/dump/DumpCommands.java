package io.sgmigrate.engine.dump;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.shell.Shell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The commands that dump an instance's databases the way {@code src snapshot databases} does, for installs sgmigrate
 * cannot reach over SSH: the same pg_dump flags, the same targets (its presets or a targets file with {@code pgsql:},
 * {@code codeintel:}, {@code codeinsights:}, each {@code target}, {@code dbname}, {@code username}, {@code password}), the
 * same output files in {@code src-snapshot/}. Every word is shell-quoted, so a targets file cannot change what runs.
 * Kubernetes gets the layouts the {@code k8s} preset does not fit too: deploy-sourcegraph's Deployments, Helm's and
 * kustomize's StatefulSets with their passwords, and a namespace. A plan only: nothing here runs them.
 */
public final class DumpCommands {
    /** How the commands reach the databases: as {@code src snapshot databases} names them. */
    public enum Builder { PG_DUMP, DOCKER, KUBECTL }

    /** One database to dump: where it is (a host, a container, a Kubernetes workload), its name, user and password. */
    public record Target(String target, String dbname, String username, String password) {}

    /** The three databases, by the targets file's keys, in its order. */
    public record Targets(String name, Map<String, Target> byDatabase) {}

    /** One printed command: for which database, and the line to run. */
    public record Line(String database, String command) {}

    static final List<String> DATABASES = List.of("pgsql", "codeintel", "codeinsights");

    private DumpCommands() {}

    private static Targets preset(String name, String pgsql, String codeintel, String codeinsights, String password, String insightsPassword) {
        Map<String, Target> m = new LinkedHashMap<>();
        m.put("pgsql", new Target(pgsql, "sg", "sg", password));
        m.put("codeintel", new Target(codeintel, "sg", "sg", password));
        m.put("codeinsights", new Target(codeinsights, "postgres", "postgres", insightsPassword));
        return new Targets(name, m);
    }

    /** {@code src snapshot databases}' own preset for a builder: local, docker, k8s. */
    public static Targets srcPreset(Builder b) {
        return switch (b) {
            case PG_DUMP -> preset("local (src snapshot's preset)", "", "", "", "sg", "password");
            case DOCKER -> preset("docker (src snapshot's preset)", "pgsql", "codeintel-db", "codeinsights-db", "sg", "password");
            case KUBECTL -> preset("k8s (src snapshot's preset: StatefulSets)", "statefulset/pgsql", "statefulset/codeintel-db",
                    "statefulset/codeinsights-db", "sg", "password");
        };
    }

    /** The Kubernetes layouts the k8s preset does not fit, each with its own workloads and default passwords. */
    public static List<Targets> kubernetesLayouts() {
        return List.of(
                preset("deploy-sourcegraph (Deployments; pgsql and codeintel-db have no password)", "deploy/pgsql", "deploy/codeintel-db",
                        "deploy/codeinsights-db", "", "password"),
                preset("Helm (StatefulSets; the chart's default passwords)", "statefulset/pgsql", "statefulset/codeintel-db",
                        "statefulset/codeinsights-db", "password", "password"),
                preset("kustomize, deploy-sourcegraph-k8s (StatefulSets; pgsql and codeintel-db have no password)", "statefulset/pgsql",
                        "statefulset/codeintel-db", "statefulset/codeinsights-db", "", "password"));
    }

    /** A targets file as {@code src snapshot databases --targets} reads it; a malformed one is a clear error. */
    public static Targets read(Path file) {
        Map<String, Map<String, String>> raw;
        try {
            byte[] text = Files.readAllBytes(file);
            if (new String(text, java.nio.charset.StandardCharsets.UTF_8).lines().allMatch(l -> l.isBlank() || l.strip().startsWith("#"))) {
                throw Problem.of(Problem.Kind.INPUT, "dumpCommands.targets.unreadable", file, "the file is empty");
            }
            raw = new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .readValue(text, new com.fasterxml.jackson.core.type.TypeReference<LinkedHashMap<String, Map<String, String>>>() {});
        } catch (IOException e) {
            throw Problem.of(Problem.Kind.INPUT, "dumpCommands.targets.unreadable", file, firstLine(e.getMessage())).causedBy(e);
        }
        if (raw == null) throw Problem.of(Problem.Kind.INPUT, "dumpCommands.targets.unreadable", file, "the file is empty");
        Map<String, Target> m = new LinkedHashMap<>();
        for (String key : raw.keySet()) {
            if (!DATABASES.contains(key)) throw Problem.of(Problem.Kind.INPUT, "dumpCommands.targets.key", file, key);
        }
        for (String db : DATABASES) {
            Map<String, String> t = raw.get(db);
            if (t == null) continue;
            for (String field : t.keySet()) {
                if (!List.of("target", "dbname", "username", "password").contains(field)) throw Problem.of(Problem.Kind.INPUT, "dumpCommands.targets.field", file, db, field);
            }
            m.put(db, new Target(nz(t.get("target")), nz(t.get("dbname")), nz(t.get("username")), nz(t.get("password"))));
        }
        return new Targets(file.toString(), m);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    /** The output file of a database, as src snapshot names it. */
    public static String output(String database) {
        return "src-snapshot/" + database + ".sql";
    }

    /** pg_dump as src snapshot runs it: the same flags in the same order, the password in PGPASSWORD when there is one. */
    static List<String> pgDump(Target t) {
        List<String> argv = new ArrayList<>(List.of("pg_dump", "--clean", "--format=plain", "--if-exists", "--no-acl", "--no-owner",
                "--quote-all-identifiers", "--username=" + t.username(), "--dbname=" + t.dbname()));
        if (!t.password().isEmpty()) argv.add(0, "PGPASSWORD=" + t.password());
        return argv;
    }

    private static String words(List<String> argv) {
        return String.join(" ", argv.stream().map(w -> w.startsWith("PGPASSWORD=") ? "PGPASSWORD=" + Shell.quote(w.substring(11)) : Shell.quote(w)).toList());
    }

    /** Each database's command for {@code b} against {@code targets}, as one line of a shell; a namespace for kubectl when given. */
    public static List<Line> commands(Builder b, Targets targets, Optional<String> namespace) {
        List<Line> out = new ArrayList<>();
        targets.byDatabase().forEach((db, t) -> {
            String dump = words(pgDump(t));
            String line = switch (b) {
                case PG_DUMP -> dump + (t.target().isEmpty() ? "" : " " + Shell.quote("--host=" + t.target()));
                case DOCKER -> "docker exec -i " + Shell.quote(t.target()) + " sh -c " + Shell.quote(dump);
                case KUBECTL -> "kubectl exec -i " + namespace.map(n -> "-n " + Shell.quote(n) + " ").orElse("") + Shell.quote(t.target())
                        + " -- bash -c " + Shell.quote(dump);
            };
            out.add(new Line(db, line + " > " + output(db)));
        });
        return out;
    }
}
