package io.sgmigrate.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sgmigrate.engine.journal.Journal;
import io.sgmigrate.engine.shell.RemoteCommand;
import io.sgmigrate.engine.ssh.SshConnection;
import io.sgmigrate.engine.verify.ChecklistItem;
import io.sgmigrate.support.LabCase;
import io.sgmigrate.support.LabRun.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The checklist that looks at the new instance itself, after a real migration: the lab's rows are changed over time as a
 * new instance's would change (repositories re-cloned, a code host sync failing with a message, a failed permission
 * sync), its frontend stand-in is stopped, a notice is added; each look says what happened. At a version whose schema
 * has no such table (3.13), the item says so and stays a person's to judge.
 */
class LabLiveChecklistTest extends LabCase {
    @AfterEach
    void freshTargetAgain() {
        LabMigrationTest.freshTarget(run, lab);
    }

    private Path journal() {
        return dir.resolve("run.json");
    }

    private List<String> check(String... extra) {
        List<String> a = new ArrayList<>(List.of("checklist", "--journal", journal().toString(), "--no-agent",
                "--identity", lab.identity().toString(), "--known-hosts", lab.knownHosts().toString()));
        a.addAll(List.of(extra));
        if (!a.contains("--watch")) a.add("--check");
        return a;
    }

    private ChecklistItem item(String id) {
        return Journal.load(journal()).checklist().stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow(() -> new AssertionError("no item " + id));
    }

    private void onTarget(String sql) {
        try (SshConnection t = run.connect(lab.target())) {
            t.runChecked(RemoteCommand.of("docker", "exec", "pgsql", "psql", "-U", "sg", "-d", "sg", "-v", "ON_ERROR_STOP=1", "-At", "-c", sql));
        }
    }

    private boolean hasTables() {
        return "t".equals(run.onTarget("select to_regclass('public.gitserver_repos') is not null"));
    }

    @Test
    void eachLookSaysWhatTheNewInstanceDoesAndWatchEndsWhenTheLastRepositoryIsCloned() throws Exception {
        Result migrated = run.sgmigrate(run.args("--yes"));
        assertEquals(0, migrated.code(), migrated.out() + migrated.err());
        // The run's own first look, kept in the journal with the data proof.
        assertEquals("PASS", item("frontend-health").status(), item("frontend-health").evidence());
        assertEquals("PASS", item("external-url").status());
        assertTrue(item("external-url").evidence().contains("https://sourcegraph.lab.example.invalid"), item("external-url").evidence());
        assertEquals("https://sourcegraph.lab.example.invalid/sign-in", item("sign-in").link());
        assertTrue(item("search").link().startsWith("https://sourcegraph.lab.example.invalid/search?q=repo%3A%5Egithub%5C.example%5C.invalid"), item("search").link());
        assertTrue(item("containers").status().matches("PASS|WARN"), item("containers").evidence());

        if (!hasTables()) {
            // 3.13: no clone status, sync jobs or permission sync jobs in the schema. Said, and left to a person, never a failure.
            Result r = run.sgmigrate(check());
            assertEquals(0, r.code(), r.out() + r.err());
            assertTrue(r.out().contains("no gitserver_repos table"), r.out());
            assertTrue(r.out().contains("no external_service_sync_jobs table"), r.out());
            assertTrue(item("repos-cloning").manual() && item("repos-cloning").status().equals("TODO"));
            assertEquals("https://sourcegraph.lab.example.invalid/site-admin/repositories", item("repos-cloning").link());
            Result marked = run.sgmigrate(List.of("checklist", "--journal", journal().toString(), "--mark", "repos-cloning", "--note", "all 300 in the UI"));
            assertEquals(0, marked.code(), marked.out() + marked.err());
            assertEquals(0, run.sgmigrate(check()).code());
            assertEquals("DONE", item("repos-cloning").status(), "a person's mark outlives the next look");
        } else {
            // The new gitserver has none of the repositories yet; one code host's sync fails; a permission sync failed.
            onTarget("update gitserver_repos set clone_status = 'not_cloned'");
            onTarget("update gitserver_repos set last_error = 'fatal: could not read Username for ''https://github.example.invalid''' where repo_id = 7");
            onTarget("insert into external_service_sync_jobs (external_service_id, state, started_at, finished_at, failure_message)"
                    + " select id, 'errored', now(), now(), '401 Unauthorized: the token was revoked' from external_services where kind = 'GITLAB'");
            onTarget("insert into external_service_sync_jobs (external_service_id, state, started_at, finished_at)"
                    + " select id, 'completed', now(), now() from external_services where kind = 'GITHUB'");
            onTarget("insert into permission_sync_jobs (state, user_id, started_at, finished_at, failure_message) values ('failed', 3, now(), now(), 'github: 403 rate limited')");
            Result r = run.sgmigrate(check());
            assertEquals(14, r.code(), "an item seen failing fails the check: " + r.out() + r.err());
            assertTrue(r.out().contains("PENDING  repos-cloning"), r.out());
            assertTrue(r.out().contains("cloned 0 of 300 (0%), not cloned 300"), r.out());
            assertTrue(r.out().contains("1 with an error, e.g. github.example.invalid/lab/repo-7: fatal: could not read Username"), r.out());
            assertTrue(r.out().contains("FAIL     code-hosts-syncing"), r.out());
            assertTrue(r.out().contains("GitLab (lab) (GITLAB): errored at ") && r.out().contains("401 Unauthorized: the token was revoked"), r.out());
            assertTrue(r.out().contains("GitHub (lab) (GITHUB): completed "), r.out());
            assertTrue(r.out().contains("FAIL     permission-sync") && r.out().contains("user 3 failed: github: 403 rate limited"), r.out());
            assertTrue(r.err().contains("checklist item(s) failed on the new instance"), r.err());
            assertTrue(r.out().contains("open: https://sourcegraph.lab.example.invalid/site-admin/external-services"), r.out());

            // The admin fixes the token; the sync runs again and completes; the failed permission sync is retried and completes.
            onTarget("insert into external_service_sync_jobs (external_service_id, state, started_at, finished_at)"
                    + " select id, 'completed', now(), now() from external_services where kind = 'GITLAB'");
            onTarget("update permission_sync_jobs set state = 'completed', failure_message = null where state = 'failed'");
            // Then gitserver clones, a quarter at a time, while sgmigrate watches.
            AtomicReference<Throwable> cloner = new AtomicReference<>();
            Thread clones = new Thread(() -> {
                try {
                    for (int q = 1; q <= 4; q++) {
                        Thread.sleep(3000);
                        onTarget("update gitserver_repos set clone_status = 'cloned', last_error = null where repo_id in (select id from repo order by id limit " + 75 * q + ")");
                    }
                } catch (Throwable t) {
                    cloner.set(t);
                }
            });
            clones.start();
            Result watched = run.sgmigrate(check("--watch", "2"));
            clones.join();
            assertEquals(null, cloner.get());
            assertEquals(0, watched.code(), watched.out() + watched.err());
            assertTrue(watched.out().contains("PENDING \u2192 PASS     repos-cloning"), watched.out());
            assertTrue(watched.out().contains("PASS     code-hosts-syncing") && watched.out().contains("GitLab (lab) (GITLAB): completed "), watched.out());
            assertTrue(watched.out().contains("a minute lately, all cloned in about"), "a rate and an estimate once it moves: " + watched.out());
            assertTrue(watched.out().contains("clone progress [##############################] 100%  300 of 300"), watched.out());
            assertTrue(watched.out().contains("next look in 2 s"), watched.out());
            List<ChecklistItem.Sample> samples = item("repos-cloning").samples();
            assertTrue(samples.size() >= 4, "samples over time: " + samples);
            assertEquals(300, samples.get(0).done(), "the run's own look: the records the old instance left");
            assertEquals(0, samples.get(1).done(), "then reset, as when the new gitserver finds them missing");
            for (int i = 2; i < samples.size(); i++) assertTrue(samples.get(i).done() >= samples.get(i - 1).done(), "never backwards: " + samples);
            assertEquals(300, samples.get(samples.size() - 1).done(), "watch ended with the last repository cloned");
            assertTrue(samples.get(samples.size() - 2).done() < 300, "and not a look later than needed: " + samples);
        }

        // The notice (as sgmigrate notice add writes it) is still there: a warning that names how to remove it.
        Result notice = run.sgmigrate(List.of("notice", "add", "--host", lab.target(), "--compose-dir", lab.composeDir(), "--identity", lab.identity().toString(),
                "--known-hosts", lab.knownHosts().toString(), "--no-agent"));
        assertEquals(0, notice.code(), notice.out() + notice.err());
        Result noticed = run.sgmigrate(check());
        assertEquals(0, noticed.code(), noticed.out() + noticed.err());
        assertTrue(noticed.out().contains("WARN     migration-notice") && noticed.out().contains("sgmigrate notice remove --host " + lab.target()), noticed.out());

        // The frontend stops: the health endpoint and the containers say so.
        try (SshConnection t = run.connect(lab.target())) {
            t.runChecked(RemoteCommand.of("docker", "stop", "sourcegraph-frontend-0"));
        }
        Result stopped = run.sgmigrate(check());
        assertEquals(14, stopped.code(), stopped.out() + stopped.err());
        assertTrue(stopped.out().contains("FAIL     frontend-health") && stopped.out().contains("/healthz did not answer"), stopped.out());
        assertTrue(stopped.out().contains("FAIL     containers") && stopped.out().contains("sourcegraph-frontend-0 is not running (Exited"), stopped.out());
        try (SshConnection t = run.connect(lab.target())) {
            t.runChecked(RemoteCommand.of("docker", "start", "sourcegraph-frontend-0"));
        }

        // A journal names the host by its key: another key there is refused before anything is read.
        ObjectMapper json = new ObjectMapper();
        ObjectNode j = (ObjectNode) json.readTree(journal().toFile());
        for (var s : j.withArray("steps")) {
            if (s.path("id").asText().equals("connect")) ((ObjectNode) s.get("outputs")).put("targetHostKey", "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        }
        json.writeValue(journal().toFile(), j);
        String before = Files.readString(journal());
        Result other = run.sgmigrate(check());
        assertEquals(12, other.code(), other.out() + other.err());
        assertTrue(other.err().contains("is not the one this run used"), other.err());
        assertEquals(before, Files.readString(journal()), "the journal is left as it was");
        assertFalse(other.err().contains("Exception"), other.err());
    }
}
