package io.sgmigrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.engine.AppInfo;
import io.sgmigrate.engine.journal.Journal;
import io.sgmigrate.engine.journal.JournalLock;
import io.sgmigrate.engine.verify.ChecklistItem;
import io.sgmigrate.support.EmbeddedSshCase;
import io.sgmigrate.support.EmbeddedSshServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CliTest extends EmbeddedSshCase {
    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), TerminalPrompter.unattended(), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void versionAndHelp() {
        Run v = run("--version");
        assertEquals(0, v.code());
        assertTrue(v.out().startsWith("sgmigrate " + AppInfo.version()), v.out());
        assertFalse(AppInfo.version().contains("${"), "the version is filtered in by Maven");
        Run h = run("--help");
        assertEquals(0, h.code());
        assertTrue(h.out().contains("probe"), h.out());
        assertTrue(h.out().contains("Exit codes"), h.out());
    }

    @Test
    void anUnknownOptionIsOneLineAndExitCode2() {
        Run r = run("probe", "--host", "ssh://h", "--hots", "x");
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("--hots"), r.err());
    }

    @Test
    void probeReportsTheVerifiedHostKey() throws Exception {
        Run r = run("probe", "--host", server.address(), "--identity", server.clientKey.toString(),
                "--known-hosts", server.knownHosts().toString(), "--no-agent", "--ssh-config", dir.resolve("none").toString());
        // The embedded server has no Docker: the probe gets past SSH and the host key, then says docker is missing.
        assertEquals(14, r.code(), r.err());
        assertTrue(r.err().startsWith("sgmigrate: Docker "), r.err());
        assertTrue(r.err().contains("tester@127.0.0.1:" + server.port()), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void anUnattendedRunNeverAcceptsAnUnknownHostKeyButTakesAFingerprint() throws Exception {
        Run r = run("probe", "--host", server.address(), "--identity", server.clientKey.toString(),
                "--known-hosts", server.emptyKnownHosts().toString(), "--no-agent");
        assertEquals(12, r.code(), r.err());
        assertTrue(r.err().contains(server.hostKeyFingerprint()), r.err());
        assertTrue(r.err().contains("--accept-fingerprint"), r.err());
        Run ok = run("probe", "--host", server.address(), "--identity", server.clientKey.toString(),
                "--known-hosts", server.emptyKnownHosts().toString(), "--no-agent", "--accept-fingerprint", server.hostKeyFingerprint());
        assertEquals(14, ok.code(), "got past the host key check to the docker check: " + ok.err());
    }

    @Test
    void aFingerprintBoundToAHostOnTheCommandLineCountsForThatHostOnly() throws Exception {
        String[] base = {"probe", "--host", server.address(), "--identity", server.clientKey.toString(),
                "--known-hosts", server.emptyKnownHosts().toString(), "--no-agent", "--accept-fingerprint"};
        Run ok = run(with(base, server.hostSpec() + "=" + server.hostKeyFingerprint()));
        assertEquals(14, ok.code(), "got past the host key check to the docker check: " + ok.err());
        Run other = run(with(base, "old-host=" + server.hostKeyFingerprint()));
        assertEquals(12, other.code(), other.err());
        assertTrue(other.err().contains("--accept-fingerprint " + server.hostSpec() + "=" + server.hostKeyFingerprint()), other.err());
        Run bad = run(with(base, "old-host=SHA256:nope"));
        assertEquals(2, bad.code(), bad.err());
        assertTrue(bad.err().contains("HOST=SHA256:"), bad.err());
        Run help = run("probe", "--help");
        assertTrue(help.out().contains("--accept-fingerprint=HOST=SHA256:..."), help.out());
        assertTrue(help.out().contains("every host"), help.out());
    }

    private static String[] with(String[] base, String last) {
        String[] all = java.util.Arrays.copyOf(base, base.length + 1);
        all[base.length] = last;
        return all;
    }

    @Test
    void anAddressWithoutPortUsesPort22AndAnUnknownNameIsSaidPlainly() {
        Run r = run("probe", "--host", "admin@no-such-host.invalid", "--no-agent", "--ssh-config", dir.resolve("none").toString());
        assertEquals(10, r.code(), r.err());
        assertEquals("sgmigrate: The host name no-such-host.invalid cannot be resolved."
                + " Check the spelling, or use an IP address or a Host entry from your SSH config.", r.err().strip());
    }

    @Test
    void aBadAddressIsAPlainSentence() {
        Run r = run("probe", "--host", "ssh://root:secret@host");
        assertEquals(2, r.code());
        assertFalse(r.err().contains("secret"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void aCreateResumeNeedsItsJournalAndAJournalIsNeverTakenOver() throws Exception {
        Path pass = java.nio.file.Files.writeString(dir.resolve("p.pass"), "payload passphrase\n");
        Run r = run("payload", "create", "--source", "ssh://sg@127.0.0.1:1", "--passphrase-file", pass.toString(), "--out", dir.resolve("p.gpg").toString(), "--resume");
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("--resume needs --journal FILE"), r.err());
        Path journal = java.nio.file.Files.writeString(dir.resolve("taken.json"), "{}");
        Run taken = run("payload", "create", "--source", "ssh://sg@127.0.0.1:1", "--passphrase-file", pass.toString(), "--out", dir.resolve("p.gpg").toString(),
                "--journal", journal.toString());
        assertEquals(2, taken.code(), taken.out() + taken.err());
        assertTrue(taken.err().contains("A journal already exists at " + journal), taken.err());
        assertEquals("{}", java.nio.file.Files.readString(journal));
    }

    @Test
    void upgradePathPrintsTheNumberedStepsOrTheDocumentedJson() throws Exception {
        Run text = run("upgrade-path", "--from", "3.35.1", "--to", "3.37.0");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("Standard path, one version at a time: 3.35.1 \u2192 3.36.3 \u2192 3.37.0"), text.out());
        assertTrue(text.out().contains("  1. 3.36.3   (20\u201330 min)") && text.out().contains("  2. 3.37.0"), text.out());
        assertTrue(text.out().contains("$ git -C deploy-sourcegraph-docker checkout v3.37.0"), text.out());
        assertTrue(text.out().contains("command ['upgrade', '--from=v3.35', '--to=v3.37']"), text.out());
        Run k8s = run("upgrade-path", "--from", "4.4.2", "--to", "5.0.6", "--deployment", "kubernetes");
        assertTrue(k8s.out().contains("$ helm upgrade --install --version 5.0.6"), k8s.out());

        Run json = run("upgrade-path", "--from", "5.0.3", "--to", "5.1.5", "--json");
        assertEquals(0, json.code(), json.err());
        com.fasterxml.jackson.databind.JsonNode p = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out());
        assertEquals("5.0.3", p.path("from").asText());
        assertEquals("5.1.5", p.path("to").asText());
        assertEquals("5.1.0", p.path("standard").path("steps").get(0).path("version").asText());
        assertEquals("5.1.5", p.path("standard").path("steps").get(1).path("version").asText());
        assertEquals(2, p.path("standard").path("steps").get(0).path("minutes").size());
        assertEquals(25, p.path("standard").path("minutes").get(0).asInt(), "a minor step (20) and a patch step (5)");
        assertTrue(p.path("multiversion").path("command").asText().startsWith("upgrade --from=v5.0 --to=v5.1"), json.out());
        assertTrue(p.path("warnings").isArray() && p.path("warnings").size() > 0, json.out());
        Run single = run("upgrade-path", "--from", "3.13.1", "--to", "3.14.4", "--json");
        assertTrue(new com.fasterxml.jackson.databind.ObjectMapper().readTree(single.out()).path("multiversion").isNull(), single.out());

        Run down = run("upgrade-path", "--from", "4.1.0", "--to", "3.43.2");
        assertEquals(2, down.code());
        assertEquals("", down.out());
        assertEquals(1, down.err().strip().lines().count(), down.err());
        assertTrue(down.err().contains("is a downgrade"), down.err());
        Run unknown = run("upgrade-path", "--from", "3.13.1", "--to", "9.1.0", "--json");
        assertEquals(2, unknown.code());
        assertEquals(1, unknown.err().strip().lines().count(), unknown.err());
        assertTrue(unknown.err().contains("9.1.0 is not in the release table"), unknown.err());
    }

    @Test
    void theProgressBarFillsWithTheFractionAndShowsNoneWhenTheTotalIsUnknown() {
        assertEquals("[........................]   0% ", DockerToComposeCommand.Printer.bar(0));
        assertEquals("[############............]  50% ", DockerToComposeCommand.Printer.bar(0.5));
        assertEquals("[########################] 100% ", DockerToComposeCommand.Printer.bar(1));
        assertEquals("", DockerToComposeCommand.Printer.bar(-1));
    }

    @Test
    void aPayloadLoadThatStopsAtOnceNeverShowsDockerToComposesStepCount() {
        Run r = run("payload", "load", dir.resolve("absent.tar.gz.asc").toString(), "--target", "ssh://sg@127.0.0.1:1",
                "--compose-dir", "/srv/compose", "--journal", dir.resolve("load.json").toString(), "--yes");
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("[1] " + io.sgmigrate.engine.migrate.Step.CONNECT.title()), r.out());
        assertTrue(r.err().contains("absent.tar.gz.asc"), r.err());
        assertFalse(r.out().contains("/" + io.sgmigrate.engine.migrate.Step.order(false).size() + "]"), "never the 12 steps of docker-to-compose: " + r.out());
    }

    @Test
    void beforeARunAnnouncesItsStepsOnlyAStepsPlaceIsShown() {
        var p = new DockerToComposeCommand.Printer(new PrintWriter(new StringWriter()), false);
        assertEquals("[2] ", p.number(io.sgmigrate.engine.migrate.Step.PREFLIGHT));
        p.planned(io.sgmigrate.engine.migrate.Step.loadOrder(true));
        assertEquals("[6/10] ", p.number(io.sgmigrate.engine.migrate.Step.RESTORE));
    }

    @Test
    void checklistMarkWaitsForNoOneAndRefusesAJournalInUse() throws Exception {
        Path f = dir.resolve("marked.json");
        Journal j = Journal.create(f, "run", Map.of());
        j.saveChecklist(List.of(new ChecklistItem("search", "A search returns results", true, "TODO", null, null, null, null)));
        try (JournalLock held = Journal.lock(f)) {
            Run refused = run("checklist", "--journal", f.toString(), "--mark", "search");
            assertEquals(14, refused.code(), refused.err());
            assertTrue(refused.err().contains("The journal " + f + " is in use by another sgmigrate"), refused.err());
            assertEquals("TODO", Journal.load(f).checklist().get(0).status(), "nothing was marked");
            Run list = run("checklist", "--journal", f.toString());
            assertEquals(0, list.code(), "listing only reads, so it needs no lock: " + list.err());
        }
        Run marked = run("checklist", "--journal", f.toString(), "--mark", "search", "--by", "ana");
        assertEquals(0, marked.code(), marked.err());
        assertEquals("DONE", Journal.load(f).checklist().get(0).status());
    }

    @Test
    void verifyRefusesAJournalInUseBeforeAnyRemoteWork() throws Exception {
        Path f = dir.resolve("verified.json");
        try (JournalLock held = Journal.lock(f)) {
            Run r = run("verify", "--baseline", dir.resolve("no-baseline.json").toString(), "--host", "ssh://admin@no-such-host.invalid",
                    "--compose-dir", "/srv/sg", "--journal", f.toString(), "--no-agent");
            assertEquals(14, r.code(), r.err());
            assertTrue(r.err().contains("The journal " + f + " is in use by another sgmigrate"), r.err());
            assertFalse(Files.exists(f), "no journal was created");
        }
    }

    @Test
    void snapshotDatabasesPrintsAPlanAndSnapshotStillNeedsItsOptions() {
        Run r = run("snapshot", "databases", "kubectl", "--namespace", "sourcegraph");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("## k8s (src snapshot's preset: StatefulSets)"), r.out());
        assertTrue(r.out().contains("kubectl exec -i -n sourcegraph deploy/pgsql -- bash -c 'pg_dump "), "deploy-sourcegraph's Deployments too: " + r.out());
        Run bad = run("snapshot", "databases", "podman");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("docker, kubectl or pg_dump"), bad.err());
        Run ns = run("snapshot", "databases", "docker", "-n", "x");
        assertEquals(2, ns.code());
        Run snap = run("snapshot", "--out", "x.json");
        assertEquals(2, snap.code());
        assertTrue(snap.err().contains("--host"), snap.err());
    }
}
