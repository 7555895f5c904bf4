package io.sgmigrate.engine.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.docker.Container;
import io.sgmigrate.engine.journal.Journal;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A journal belongs to its run: what differs on a resume is named; the same folder written another way is the same. */
class RunBindingTest {
    @TempDir
    Path dir;

    private static Map<String, String> bound(String target, String compose, String targetKey) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(RunBinding.SOURCE, "old@old-host:22");
        m.put(RunBinding.TARGET, target);
        m.put(RunBinding.COMPOSE_DIR, compose);
        m.put(RunBinding.STAGING_DIR, "");
        m.put(RunBinding.CONTAINER, "");
        m.put(RunBinding.SOURCE_KEY, "SHA256:old");
        m.put(RunBinding.TARGET_KEY, targetKey);
        return m;
    }

    @Test
    void aResumeAgainstAnotherHostFolderOrKeyNamesEveryDifference() {
        Map<String, String> then = bound("new@staging:22", "/srv/staging", "SHA256:staging");
        Map<String, String> now = bound("new@prod:22", "/srv/prod", "SHA256:prod");
        List<String> d = RunBinding.differences(then, now, "/srv/staging", "/srv/prod");
        assertEquals(List.of("new host new@staging:22 \u2192 new@prod:22", "compose folder /srv/staging \u2192 /srv/prod",
                "host key of the new host SHA256:staging \u2192 SHA256:prod"), d);
        Problem p = RunBinding.refused(Journal.create(dir.resolve("j.json"), "j", Map.of()), d);
        assertEquals(Problem.Kind.HOST_KEY, p.kind(), "a key that differs is a host-key problem");
        assertTrue(p.what().startsWith("This journal belongs to another run: new host new@staging:22"), p.what());
    }

    @Test
    void theSameFolderWrittenAnotherWayIsTheSameRun() {
        Map<String, String> then = bound("new@prod:22", "/srv/prod", "SHA256:prod");
        assertEquals(List.of(), RunBinding.differences(then, bound("new@prod:22", RunBinding.normal("/srv/prod///"), "SHA256:prod"), "/srv/prod", "/srv/prod"));
        // Relative to the login's home, or through a symlink: it resolves to the canonical folder recorded at pre-flight.
        assertEquals(List.of(), RunBinding.differences(then, bound("new@prod:22", "prod", "SHA256:prod"), "/srv/prod", "/srv/prod"));
        assertEquals(1, RunBinding.differences(then, bound("new@prod:22", "prod", "SHA256:prod"), "/srv/prod", "/home/new/prod").size());
    }

    @Test
    void anOlderJournalIsComparedByTheAddressesItsInputsRecord() {
        Journal old = Journal.create(dir.resolve("old.json"), "old", Map.of("source", "ssh://old@old-host", "target", "ssh://new@staging", "composeDir", "/srv/staging/"));
        assertTrue(RunBinding.recorded(old).isEmpty(), "a journal with no step yet binds nothing");
        old.done("preflight", Map.of());
        Map<String, String> rec = RunBinding.recorded(old);
        assertEquals("/srv/staging", rec.get(RunBinding.COMPOSE_DIR));
        assertEquals(List.of("new host ssh://new@staging \u2192 new@prod:22"), RunBinding.differences(Map.of(RunBinding.TARGET, rec.get(RunBinding.TARGET)),
                bound("new@prod:22", "/srv/staging", "k"), null, null));
    }

    @Test
    void aOneShotContainerThatExitedZeroCountsAsUp() {
        assertTrue(new Container("1", "migrator", "sourcegraph/migrator:5.0.5", "exited", "Exited (0) 3 seconds ago", Map.of()).exitedCleanly());
        assertTrue(!new Container("1", "migrator", "sourcegraph/migrator:5.0.5", "exited", "Exited (1) 3 seconds ago", Map.of()).exitedCleanly());
        assertTrue(!new Container("1", "pgsql", "x", "restarting", "Restarting (1) 2 seconds ago", Map.of()).exitedCleanly());
    }

    @Test
    void aContainerIsNamedExactlyOrByAnIdPrefixThatNamesOnlyOne() {
        List<Container> all = List.of(new Container("abcd1234", "sourcegraph", "sourcegraph/server:3.13.1", "running", "Up", Map.of()),
                new Container("abcd9999", "other", "sourcegraph/server:3.13.1", "running", "Up", Map.of()));
        assertEquals(1, Preflight.named(all, "sourcegraph").size());
        assertEquals(2, Preflight.named(all, "abcd").size(), "ambiguous: refused by pre-flight");
        assertEquals("other", Preflight.named(all, "abcd9").get(0).name());
        assertEquals(0, Preflight.named(all, "").size(), "an empty name names nothing");
        assertEquals(0, Preflight.named(all, "abc").size(), "a prefix needs four characters");
    }

    @Test
    void anOlderPostgresOnATargetWithDataFailsPreflightAndOnlyWarnsOnAFreshOne() {
        assertEquals(Check.Status.FAIL, Preflight.postgresVersions("12.4", "11.9", false).status());
        assertEquals(Check.Status.WARN, Preflight.postgresVersions("12.4", "11.9", true).status());
        assertEquals(Check.Status.PASS, Preflight.postgresVersions("12.4", "15.1", false).status());
    }

    @Test
    void eachSingleContainerDatabaseGoesToItsOwnComposeDatabase() {
        assertEquals(new Facts.Target("pgsql", "sg", "sg"), Facts.target("sourcegraph"));
        assertEquals(new Facts.Target("codeintel-db", "sg", "sg"), Facts.target("sourcegraph-codeintel"));
        assertEquals(new Facts.Target("codeinsights-db", "postgres", "postgres"), Facts.target("sourcegraph-codeinsights"));
        assertEquals("template1", Facts.target("sourcegraph-codeinsights").adminDatabase(), "never connected to the database it drops");
        Facts f = PlanTest.facts(false, false);
        assertEquals(List.of("pgsql", "codeintel-db", "codeinsights-db"), f.databaseServices());
        assertEquals(List.of("migrator", "sourcegraph-frontend-0"), f.applicationServices());
    }
}
