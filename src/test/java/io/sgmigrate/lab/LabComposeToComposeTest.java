package io.sgmigrate.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.support.LabRun.Result;
import io.sgmigrate.support.OldHostCompose;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The common cloud-VM move: a Docker Compose deployment (on the lab's old host's engine, filled by a docker-to-compose
 * from the old single container) moved to the new host's Compose deployment by {@code compose-to-compose}. Afterwards
 * every database the old deployment runs holds, table by table and sequence by sequence, what it holds there.
 */
class LabComposeToComposeTest extends LabLoadCase {
    /** Every public table's contents, as one digest per table, in the database named. */
    static final String CONTENTS = "select coalesce(string_agg(t, ',' order by t), '') from (select table_name || '=' || (xpath('/row/c/text()', query_to_xml("
            + "format('select md5(coalesce(string_agg(x::text, ''|'' order by x::text), '''')) as c from %I.%I x', table_schema, table_name), false, true, '')))[1]::text as t"
            + " from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'"
            + " and table_name not in ('migration_logs', 'versions')) s";
    static final String SEQUENCES = "select coalesce(string_agg(sequencename || '=' || coalesce(last_value::text, 'unset'), ',' order by sequencename), '') from pg_sequences";

    private List<String> migrate(String command, String... extra) {
        List<String> a = new ArrayList<>(List.of(command));
        a.addAll(List.of(extra));
        a.addAll(List.of("--identity", lab.identity().toString(), "--known-hosts", lab.knownHosts().toString(), "--no-agent", "--yes"));
        return a;
    }

    @Test
    void aComposeDeploymentMovesToAnotherHostWithEveryDatabaseEqual() throws Exception {
        try (OldHostCompose old = OldHostCompose.up(lab)) {
            Result fill = run.sgmigrate(migrate("docker-to-compose", "--source", lab.source(), "--target", lab.source(), "--compose-dir", old.dir(),
                    "--journal", dir.resolve("fill.json").toString()));
            assertEquals(0, fill.code(), fill.out() + fill.err());
            assertEquals(run.onSource(LabMigrationTest.contentSql("users")), old.psql("pgsql", "sg", "sg", LabMigrationTest.contentSql("users")),
                    "the old host's Compose deployment holds the instance's data");

            Result dry = run.sgmigrate(migrate("compose-to-compose", "--source", lab.source(), "--source-compose-dir", old.dir(),
                    "--target", lab.target(), "--compose-dir", lab.composeDir(), "--dry-run"));
            assertEquals(0, dry.code(), dry.out() + dry.err());
            assertTrue(dry.out().contains("docker exec -i pgsql pg_dump -U sg --no-owner --no-privileges --format=plain sg"), dry.out());

            Result move = run.sgmigrate(migrate("compose-to-compose", "--source", lab.source(), "--source-compose-dir", old.dir(),
                    "--target", lab.target(), "--compose-dir", lab.composeDir(), "--journal", dir.resolve("move.json").toString()));
            assertEquals(0, move.code(), move.out() + move.err());
            assertTrue(move.out().contains("PASS  Compose directory (old host)"), move.out());
            int compared = 0;
            for (String[] db : new String[][] {{"pgsql", "sg", "sg"}, {"codeintel-db", "sg", "sg"}, {"codeinsights-db", "postgres", "postgres"}}) {
                String was;
                try {
                    was = old.psql(db[0], db[1], db[2], CONTENTS);
                } catch (AssertionError notRunning) {
                    if (db[0].equals("pgsql")) throw notRunning;
                    continue;   // this version's deployment does not run it
                }
                if (db[0].equals("pgsql")) assertTrue(was.contains("users=") && was.contains("event_logs="), was);
                try (var t = run.connect(lab.target())) {
                    String now = new io.sgmigrate.engine.docker.DockerCli(t).exec(db[0], List.of("psql", "-U", db[1], "-d", db[2], "-At", "-c", CONTENTS)).stdout().strip();
                    assertEquals(was, now, "every table of " + db[0]);
                    String seqNow = new io.sgmigrate.engine.docker.DockerCli(t).exec(db[0], List.of("psql", "-U", db[1], "-d", db[2], "-At", "-c", SEQUENCES)).stdout().strip();
                    assertEquals(old.psql(db[0], db[1], db[2], SEQUENCES), seqNow, "every sequence of " + db[0]);
                }
                compared++;
            }
            assertTrue(compared >= 1, "at least the frontend database was compared");
            assertTrue(move.out().contains("Migration complete: "), move.out());
            var look = io.sgmigrate.engine.journal.Journal.load(dir.resolve("move.json")).checklist().stream()
                    .filter(i -> i.id().equals("frontend-health") || i.id().equals("containers")).toList();
            assertEquals(2, look.size(), "the run's first look at the new instance");
            for (var i : look) assertEquals("PASS", i.status(), i.id() + ": " + i.evidence());
        }
    }
}
