package io.sgmigrate.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.engine.journal.Journal;
import io.sgmigrate.engine.shell.RemoteCommand;
import io.sgmigrate.engine.snapshot.InstanceDatabases;
import io.sgmigrate.engine.snapshot.Snapshot;
import io.sgmigrate.engine.snapshot.SnapshotFile;
import io.sgmigrate.engine.snapshot.SnapshotTaker;
import io.sgmigrate.engine.ssh.SshConnection;
import io.sgmigrate.support.LabCase;
import io.sgmigrate.support.LabRun;
import io.sgmigrate.support.LabRun.Result;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Snapshot, migrate, verify against the lab's real PostgreSQL; then break the new instance in each way and see it named. */
// A dozen sgmigrate runs against real hosts in one test: the suite's 120 s default (meant for unit tests) is too tight.
@org.junit.jupiter.api.Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
class LabVerifyTest extends LabCase {


    @AfterEach
    void freshTargetAgain() {
        LabMigrationTest.freshTarget(run, lab);
    }

    private List<String> connection() {
        return List.of("--identity", lab.identity().toString(), "--known-hosts", lab.knownHosts().toString(), "--no-agent");
    }

    private List<String> verify(String... extra) {
        List<String> a = new ArrayList<>(List.of("verify", "--baseline", dir.resolve("before.json").toString(), "--host", lab.target(),
                "--compose-dir", lab.composeDir()));
        a.addAll(connection());
        a.addAll(List.of(extra));
        return a;
    }

    private void onTarget(String container, String sql) {
        try (SshConnection t = run.connect(lab.target())) {
            t.runChecked(RemoteCommand.of("docker", "exec", container, "psql", "-v", "ON_ERROR_STOP=1", "-U", "sg", "-d", "sg", "-c", sql));
        }
    }

    @Test
    void aMigrationVerifiesAndEveryKindOfDamageIsNamed() throws Exception {
        List<String> snap = new ArrayList<>(List.of("snapshot", "--host", lab.source(), "--container", lab.sourceContainer(),
                "--out", dir.resolve("before.json").toString()));
        snap.addAll(connection());
        Result s = run.sgmigrate(snap);
        assertEquals(0, s.code(), s.out() + s.err());
        Snapshot before = SnapshotFile.read(dir.resolve("before.json"));
        assertTrue(before.databases().get("frontend").tables().get("users").core());
        assertTrue(before.databases().get("frontend").tables().get("users").fingerprint() != null);
        assertEquals(lab.version(), before.instance().sourcegraphVersion());

        // The one full migration without compression: the dump then crosses plain both ways.
        Result m = run.sgmigrate(run.args("--yes", "--compression", "none", "--report", dir.resolve("migration-report").toString()));
        assertEquals(0, m.code(), m.out() + m.err());
        assertTrue(m.out().contains("restoring sourcegraph into pgsql\n"), m.out());
        assertEquals("plain", Journal.load(dir.resolve("run.json")).outputs("transfer").get("dumpStream"));
        assertEquals("plain", Journal.load(dir.resolve("run.json")).outputs("transfer").get("restoreStream"));
        String html = Files.readString(dir.resolve("migration-report/report.html"));
        assertTrue(html.contains("<table id=\"verification\">") && html.contains("Verdict: <span id=\"verdict\" class=\"badge PASSED\">"), html);
        assertFalse(html.contains(Files.readString(dir.resolve("run.key")).strip()), "no secret in the report");
        Journal j = Journal.load(dir.resolve("run.json"));
        assertTrue(j.checklist().stream().anyMatch(i -> i.id().equals("auto-data-frontend") && i.status().equals("PASS")), j.checklist().toString());

        Result mark = run.sgmigrate(List.of("checklist", "--journal", dir.resolve("run.json").toString(), "--mark", "search", "--note", "12 results", "--by", "tester"));
        assertEquals(0, mark.code(), mark.out() + mark.err());
        assertTrue(mark.out().contains("DONE     search"), mark.out());

        Result ok = run.sgmigrate(verify("--report", dir.resolve("verify-report").toString(), "--journal", dir.resolve("run.json").toString()));
        assertEquals(0, ok.code(), ok.out() + ok.err());
        assertTrue(ok.out().contains("verification PASSED"), ok.out());
        assertTrue(Files.readString(dir.resolve("verify-report/report.html")).contains("12 results"), "the checklist's marks are kept");

        // A src snapshot summary of the old instance (code hosts 1 GITHUB and 2 GITLAB, the builtin auth provider) holds on the new one.
        java.util.function.LongFunction<String> gid = n -> java.util.Base64.getEncoder().encodeToString(("ExternalService:" + n).getBytes());
        java.nio.file.Path summary = dir.resolve("summary.json");
        Files.writeString(summary, "{\"ExternalServices\":{\"TotalCount\":2,\"Nodes\":[{\"Kind\":\"GITHUB\",\"ID\":\"" + gid.apply(1)
                + "\"},{\"Kind\":\"GITLAB\",\"ID\":\"" + gid.apply(2) + "\"}]},\"Site\":{\"AuthProviders\":{\"TotalCount\":1,\"Nodes\":"
                + "[{\"ServiceType\":\"builtin\",\"ServiceID\":\"\"}]}}}");
        Result withSummary = run.sgmigrate(verify("--src-summary", summary.toString()));
        assertEquals(0, withSummary.code(), withSummary.out() + withSummary.err());
        Files.writeString(summary, Files.readString(summary).replace(gid.apply(2), gid.apply(9)));
        Result missing = run.sgmigrate(verify("--src-summary", summary.toString()));
        assertEquals(14, missing.code(), missing.out() + missing.err());
        assertTrue(missing.out().contains("FAIL src summary.GITLAB " + gid.apply(9) + ": code host connection from the summary is missing"), missing.out());

        // The same database read both ways gives the same snapshot.
        try (SshConnection t = run.connect(lab.target())) {
            Snapshot viaExec;
            Snapshot viaJdbc;
            io.sgmigrate.engine.snapshot.FingerprintKey key = io.sgmigrate.engine.snapshot.FingerprintKey.generate();
            try (InstanceDatabases d = InstanceDatabases.compose(t, lab.composeDir(), false)) {
                viaExec = new SnapshotTaker(null, key).take(d.instance(), d.sources());
            }
            try (InstanceDatabases d = InstanceDatabases.compose(t, lab.composeDir(), true)) {
                viaJdbc = new SnapshotTaker(null, key).take(d.instance(), d.sources());
            }
            assertTrue(viaJdbc.instance().reachedBy().startsWith("JDBC through SSH to "), viaJdbc.instance().reachedBy());
            assertEquals(viaExec.databases(), viaJdbc.databases());
            assertEquals(viaExec.semantic(), viaJdbc.semantic());
        }

        // Now damage the new instance, one change at a time; each verification must fail and name the new difference.
        String[][] damage = {
                {"delete from event_logs where id = (select max(id) from event_logs)", "FAIL frontend.event_logs: rows differ by -1"},
                {"update users set display_name = 'someone else' where id = (select min(id) from users)", "FAIL frontend.users: contents differ with the same row count"},
                {"update critical_and_site_config set contents = '{\"externalURL\": \"https://moved.example\", \"maxReposToSearch\": 7}'"
                        + " where id = (select max(id) from critical_and_site_config where type = 'site')", "FAIL site config.maxReposToSearch: key added"},
                {"select setval('users_id_seq', 1)", "FAIL frontend.users_id_seq: sequence set back by"},
                {"drop table saved_searches", "FAIL frontend.saved_searches: table missing"}};
        for (String[] d : damage) {
            onTarget("pgsql", d[0]);
            Result bad = run.sgmigrate(verify());
            assertEquals(14, bad.code(), d[0] + ": " + bad.out() + bad.err());
            assertTrue(bad.out().contains(d[1]), d[0] + " must be named as " + d[1] + ":\n" + bad.out());
            assertTrue(bad.err().startsWith("sgmigrate: Verification failed: "), bad.err());
            assertEquals(1, bad.err().strip().lines().count(), bad.err());
        }
        Result r = run.sgmigrate(verify());
        assertTrue(r.out().contains("EXPECTED site config.externalURL: value changed, expected"), "an expected change is listed as such: " + r.out());

        try (SshConnection t = run.connect(lab.target())) {
            t.runChecked(RemoteCommand.of("docker", "stop", "pgsql"));
        }
        Result gone = run.sgmigrate(verify());
        assertEquals(14, gone.code(), gone.out() + gone.err());
        assertTrue(gone.out().contains("FAIL frontend: database missing on the new instance"), gone.out());
    }

    @Test
    void aMalformedBaselineIsAClearInputError() throws Exception {
        Files.writeString(dir.resolve("before.json"), "{\"format\": 1, \"databases\": {\"frontend\": ");
        Result r = run.sgmigrate(verify());
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().startsWith("sgmigrate: The snapshot file " + dir.resolve("before.json") + " cannot be read"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }
}
