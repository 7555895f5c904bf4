package io.sgmigrate.engine.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.docker.Container;
import io.sgmigrate.engine.docker.DockerCli;
import io.sgmigrate.engine.progress.Units;
import io.sgmigrate.engine.shell.RemoteCommand;
import io.sgmigrate.engine.ssh.ExecResult;
import io.sgmigrate.engine.ssh.SshConnection;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the new host's deployment holds, read-only: every database container's data that matters (users, repositories,
 * code hosts, settings, uploads, insights; the schema a fresh install creates is not data) and every volume of the
 * compose project with its size. It decides whether the target is fresh and is what the confirmation lists.
 */
record TargetInventory(List<Db> databases, List<Volume> volumes) {
    /** A database of the deployment: where it is, its size, and the tables that hold rows that matter. */
    record Db(Facts.Target target, boolean present, long bytes, Map<String, Long> data, String unreadable) {
        boolean holdsData() {
            return !present ? false : unreadable != null || data.values().stream().anyMatch(n -> n > 0);
        }

        String describe() {
            String where = target.database() + " in " + target.container();
            if (!present) return where + ": not running";
            if (unreadable != null) return where + ": could not be read (" + unreadable + "), so it counts as holding data";
            List<String> held = new ArrayList<>();
            data.forEach((t, n) -> {
                if (n > 0) held.add(n + " " + t);
            });
            return where + " (" + Units.bytes(bytes) + "): " + (held.isEmpty() ? "schema only, no data" : String.join(", ", held));
        }
    }

    record Volume(String name, String size) {}

    /** Tables of the frontend database whose rows are what an admin would lose; its other tables hold defaults or regenerated state. */
    static final List<String> FRONTEND_DATA = List.of("users", "orgs", "repo", "external_services", "settings", "saved_searches", "access_tokens");
    /** In the code-intel and code-insights databases every table but the migrations' own bookkeeping holds data. */
    private static final String BOOKKEEPING = "(schema_migrations|migration_logs|versions)$";
    private static final ObjectMapper JSON = new ObjectMapper();

    boolean fresh() {
        return databases.stream().noneMatch(Db::holdsData);
    }

    /** One line per database and per volume, for pre-flight and for the typed confirmation. */
    List<String> lines() {
        List<String> out = new ArrayList<>();
        for (Db d : databases) out.add("database " + d.describe());
        for (Volume v : volumes) out.add("volume " + v.name() + " (" + v.size() + "): kept");
        return out;
    }

    static TargetInventory read(SshConnection target, String composeProject) {
        List<Container> all = new DockerCli(target).containers();
        List<Db> dbs = new ArrayList<>();
        for (Facts.Target t : Facts.TARGETS) {
            boolean running = all.stream().anyMatch(c -> c.name().equals(t.container()) && c.running());
            if (!running) {
                dbs.add(new Db(t, false, 0, Map.of(), null));
                continue;
            }
            Postgres pg = t.postgres();
            try {
                if (!pg.databases(target).contains(t.database())) {
                    dbs.add(new Db(t, true, 0, Map.of(), null));
                    continue;
                }
                String filter = t.container().equals("pgsql")
                        ? "table_name in (" + String.join(", ", FRONTEND_DATA.stream().map(Postgres::literal).toList()) + ")"
                        : "table_name !~ " + Postgres.literal(BOOKKEEPING);
                Map<String, Long> data = new LinkedHashMap<>();
                for (String line : Postgres.lines(pg.query(target, t.database(), Postgres.ROW_COUNTS.replace("order by 1",
                        "and table_schema = 'public' and " + filter + " order by 1")))) {
                    int bar = line.lastIndexOf('|');
                    data.put(line.substring(0, bar).replaceFirst("^public\\.", ""), Long.parseLong(line.substring(bar + 1)));
                }
                dbs.add(new Db(t, true, pg.databaseSize(target, t.database()), data, null));
            } catch (Problem p) {
                dbs.add(new Db(t, true, 0, Map.of(), p.detail().isEmpty() ? p.what() : p.detail().lines().findFirst().orElse("")));
            }
        }
        return new TargetInventory(List.copyOf(dbs), volumes(target, composeProject));
    }

    /** The project's named volumes with the sizes Docker reports (empty when it cannot say). */
    static List<Volume> volumes(SshConnection target, String composeProject) {
        ExecResult r = target.run(RemoteCommand.of("docker", "system", "df", "-v", "--format", "{{json .Volumes}}"));
        List<Volume> out = new ArrayList<>();
        if (!r.ok()) return out;
        try {
            JsonNode list = JSON.readTree(r.stdout().strip());
            for (JsonNode v : list) {
                Map<String, String> labels = DockerCli.parseLabelList(v.path("Labels").asText(""));
                if (composeProject.equals(labels.get("com.docker.compose.project"))) out.add(new Volume(v.path("Name").asText(), v.path("Size").asText("?")));
            }
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        return List.copyOf(out);
    }
}
