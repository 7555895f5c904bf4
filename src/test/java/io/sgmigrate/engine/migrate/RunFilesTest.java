package io.sgmigrate.engine.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.journal.Journal;
import io.sgmigrate.engine.journal.JournalLock;
import io.sgmigrate.engine.report.Report;
import io.sgmigrate.engine.report.ReportFiles;
import io.sgmigrate.engine.secret.Secret;
import io.sgmigrate.engine.snapshot.Snapshot;
import io.sgmigrate.engine.snapshot.SnapshotFile;
import io.sgmigrate.engine.verify.VerificationFile;
import io.sgmigrate.engine.verify.VerifyResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a run leaves on this machine is the user's alone: the key, the journal and what is written beside it.
 * Modes are read back exactly, so a umask (022, 002, 000) that would widen them fails these tests.
 */
class RunFilesTest {
    @TempDir
    Path home;
    private String realHome;

    @BeforeEach
    void useATemporaryHome() {
        realHome = System.getProperty("user.home");
        System.setProperty("user.home", home.toString());
    }

    @AfterEach
    void restoreHome() {
        System.setProperty("user.home", realHome);
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void theKeyAndItsFoldersAreOwnerOnlyAndTheKeyIsNeverReplaced() throws Exception {
        Path key = RunFiles.keyFile(RunFiles.newJournal("new-host"));
        String written;
        try (Secret s = RunFiles.newPassphrase(key)) {
            written = new String(s.chars());
        }
        assertEquals(home.resolve(".sgmigrate/runs"), key.getParent());
        assertEquals(43, written.length(), "32 random bytes, base64url");
        assertEquals(written, Files.readString(key));
        assertEquals("rw-------", mode(key));
        assertEquals("rwx------", mode(home.resolve(".sgmigrate")));
        assertEquals("rwx------", mode(home.resolve(".sgmigrate/runs")));
        Problem p = assertThrows(Problem.class, () -> RunFiles.newPassphrase(key));
        assertEquals(Problem.Kind.INPUT, p.kind());
        assertEquals(written, Files.readString(key), "an existing key is kept as it was");
    }

    @Test
    void existingFoldersOfThisUserAreTightened() throws Exception {
        Path runs = Files.createDirectories(home.resolve(".sgmigrate/runs"));
        Files.setPosixFilePermissions(home.resolve(".sgmigrate"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(runs, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertEquals(runs, RunFiles.createRunsFolder());
        assertEquals("rwx------", mode(home.resolve(".sgmigrate")));
        assertEquals("rwx------", mode(runs));
    }

    @Test
    void aFolderOfAnotherUserIsLeftAlone() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "only root can give a folder to another user");
        Path runs = Files.createDirectories(home.resolve(".sgmigrate/runs"));
        Files.setPosixFilePermissions(runs, PosixFilePermissions.fromString("rwxr-xr-x"));
        UserPrincipal nobody = runs.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(runs, nobody);
        RunFiles.createRunsFolder();
        assertEquals("rwxr-xr-x", mode(runs));
        assertEquals("rwx------", mode(home.resolve(".sgmigrate")), "the user's own folder is still tightened");
    }

    @Test
    void everyFileBesideTheJournalIsOwnerOnly() throws Exception {
        Path journal = RunFiles.newJournal("new-host");
        try (JournalLock lock = Journal.lock(journal)) {
            Journal.create(journal, "run", Map.of("target", "ssh://b@new-host"));
        }
        Path runs = journal.getParent();
        Path verification = runs.resolve("x.verification.json");
        Files.writeString(verification, "{}");
        Files.setPosixFilePermissions(verification, PosixFilePermissions.fromString("rw-r--r--"));
        VerificationFile.write(verification, new VerifyResult(List.of()));
        Path snapshot = runs.resolve("x.source-snapshot.json");
        Snapshot s = new Snapshot(1, "2026-12-01T00:00:00Z", "test", new Snapshot.Instance("h", "compose", "/d", "5.0.5", "test"), Map.of(), null);
        SnapshotFile.write(snapshot, s);
        Path reportDir = runs.resolve("report");
        ReportFiles.write(reportDir, new Report("t", "2026-12-01T00:00:00Z", "test", "PASSED", Map.of(), List.of(), List.of(), List.of(), List.of(), List.of()));
        for (Path f : List.of(journal, JournalLock.lockFile(journal), verification, snapshot, reportDir.resolve("report.html"), reportDir.resolve("report.json"))) {
            assertEquals("rw-------", mode(f), f.toString());
        }
        assertEquals(List.of(), VerificationFile.read(verification).findings(), "the file was replaced with the new findings");
        assertEquals("5.0.5", SnapshotFile.read(snapshot).instance().sourcegraphVersion());
        try (var left = Files.list(runs)) {
            List<String> expected = java.util.stream.Stream.of(JournalLock.lockFile(journal).getFileName().toString(), journal.getFileName().toString(),
                    "report", "x.source-snapshot.json", "x.verification.json").sorted().toList();
            assertEquals(expected, left.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary file is left");
        }
    }

    @Test
    void aRunKilledBetweenTwoStepsIsUnfinishedAtTheNextOfItsOrderAndADoneRunIsNot(@org.junit.jupiter.api.io.TempDir Path dir) {
        Journal load = Journal.create(dir.resolve("load.json"), "load", Map.of("payload", "/p.tar.gz.asc", "target", "ssh://a@b", "composeDir", "/c",
                "externalURL", "https://x.example.com"));
        for (String id : List.of("connect", "preflight", "confirm", "stop-target", "start-databases")) load.done(id, Map.of());
        assertEquals(java.util.Optional.of("restore"), RunFiles.unfinishedStep(load), "killed before the restore was recorded as begun");
        load.failed("restore", "cut");
        assertEquals(java.util.Optional.of("restore"), RunFiles.unfinishedStep(load));
        for (Step st : Step.loadOrder(true)) load.done(st.id(), Map.of());
        assertEquals(java.util.Optional.empty(), RunFiles.unfinishedStep(load));

        Journal streamed = Journal.create(dir.resolve("d2c.json"), "d2c", Map.of("source", "ssh://a@old", "target", "ssh://a@b", "composeDir", "/c"));
        for (Step st : Step.order(true)) streamed.done(st.id(), Map.of());
        assertEquals(java.util.Optional.empty(), RunFiles.unfinishedStep(streamed), "a streamed run never has the staged run's payload check");
        Journal staged = Journal.create(dir.resolve("staged.json"), "staged", Map.of("source", "ssh://a@old", "target", "ssh://a@b", "composeDir", "/c"));
        for (String id : List.of("connect", "preflight", "transfer", "check-payload")) staged.done(id, Map.of());
        assertEquals(java.util.Optional.of("confirm"), RunFiles.unfinishedStep(staged));
    }

    @Test
    void aCreatesJournalIsOwnerOnlyNeverOfferedAsAMigrationAndItsReportSaysHowFarItGot() throws Exception {
        Path file = RunFiles.newCreateJournal("old.example.com");
        assertEquals("rwx------", mode(file.getParent()));
        Journal j;
        try (JournalLock held = Journal.lock(file)) {
            j = Journal.create(file, "c", Map.of("task", RunFiles.CREATE_TASK, "source", "ssh://sg@old.example.com:22", "out", "/tmp/p.gpg"));
            j.done(Step.CONNECT_SOURCE.id(), Map.of());
            j.done(Step.PREFLIGHT.id(), Map.of("check:Free space where the file goes", "WARN 1.0 GB free, 1.2 GB needed", "sourceVersion", "5.0.5"));
            j.started(Step.WRITE_PAYLOAD.id());
            j.failed(Step.WRITE_PAYLOAD.id(), "The disk holding /tmp is full");
        }
        assertEquals(java.util.Optional.of(Step.WRITE_PAYLOAD.id()), RunFiles.unfinishedStep(j), "a create's own step order, not a migration's");
        assertEquals(false, io.sgmigrate.wizard.WizardModel.resumable(j.inputs()), "a create is never offered as a migration to resume");
        Report failed = PayloadCreate.report(j);
        assertEquals("FAILED", failed.verdict());
        assertEquals("5.0.5", failed.facts().get("Sourcegraph version"));
        assertEquals(List.of("Free space where the file goes: 1.0 GB free, 1.2 GB needed"), failed.warnings());
        j.reset(Step.WRITE_PAYLOAD.id());
        j.done(Step.WRITE_PAYLOAD.id(), Map.of("sha256", "ab12"));
        j.done(Step.CHECK_FILE.id(), Map.of("handover", "Payload p.gpg, 1 MB, SHA-256 ab12; opens with X; not signed"));
        Report done = PayloadCreate.report(j);
        assertEquals("WRITTEN AND CHECKED", done.verdict());
        assertEquals("Payload p.gpg, 1 MB, SHA-256 ab12; opens with X; not signed", done.facts().get("For the support ticket"));
        assertEquals(java.util.Optional.empty(), RunFiles.unfinishedStep(j));
        Path html = ReportFiles.write(home.resolve("report"), done);
        assertEquals(true, Files.readString(html).contains("SHA-256 ab12"));
    }
}
