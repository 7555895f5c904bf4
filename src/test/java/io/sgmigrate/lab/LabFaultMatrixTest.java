package io.sgmigrate.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sgmigrate.engine.docker.DockerCli;
import io.sgmigrate.engine.journal.Journal;
import io.sgmigrate.engine.shell.RemoteCommand;
import io.sgmigrate.engine.ssh.SshConnection;
import io.sgmigrate.engine.transfer.LocalPayloadFile;
import io.sgmigrate.support.Lab;
import io.sgmigrate.support.LabCase;
import io.sgmigrate.support.LabFaults;
import io.sgmigrate.support.LabRun.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fault matrix of docs/reliability.md: every fault injected for real in the lab, one row a test. For each: one
 * plain line on stderr, what each host is left with on stdout, the old instance byte-for-byte unchanged, the new
 * host holding either its own data or the complete old instance's (never a mix, never nothing), and, where it makes
 * sense, --resume finishing the job.
 */
class LabFaultMatrixTest extends LabCase {
    /** What the new host holds before a migration onto a target with data: one user of its own. */
    private static final String OWN_USER = "only-on-the-new-host";
    private Map<String, String> oldDumps;

    @BeforeEach
    void rememberTheOldInstance() {
        oldDumps = new LinkedHashMap<>();
        for (String db : lab.sourceDatabases()) oldDumps.put(db, run.sourceDumpSha256(db));
    }

    @AfterEach
    void oldUnchangedAndTargetFreshAgain() {
        try (SshConnection t = run.connect(lab.target())) {
            new DockerCli(t).exec("pgsql", List.of("psql", "-U", "sg", "-d", "template1", "-c", "drop table if exists public.users"));
        }
        LabMigrationTest.freshTarget(run, lab);
        Map<String, String> now = new LinkedHashMap<>();
        for (String db : lab.sourceDatabases()) now.put(db, run.sourceDumpSha256(db));
        assertEquals(oldDumps, now, "the old instance's databases are byte-for-byte unchanged");
    }

    private Path journalAt;

    private List<String> fresh(String... extra) {
        List<String> a = new ArrayList<>(run.args("--yes"));
        a.addAll(List.of(extra));
        return a;
    }

    /** Onto a target that holds data: confirmed unattended by the name a person would type. */
    private List<String> withData(String... extra) {
        List<String> a = new ArrayList<>(run.args("--confirm-host", Lab.target(lab).host()));
        a.addAll(List.of(extra));
        return a;
    }

    private void giveTheTargetData() {
        run.onTarget("insert into users (username) values ('" + OWN_USER + "')");
    }

    private static Predicate<String> atStep(int n) {
        return line -> line.startsWith("[" + n + "/");
    }

    /** A failure as the brief wants it: one message on stderr saying what and what to do (a remote command's own words indented below it), each host's state on stdout, no stack trace. */
    private static void stoppedPlainly(Result r, String stderrHas) {
        assertNotEquals(0, r.code(), r.out() + r.err());
        // One message; what a remote command said follows it, indented, as its detail.
        List<String> lines = r.err().strip().lines().toList();
        assertTrue(lines.stream().skip(1).allMatch(l -> l.startsWith("  ")), "one message, then only its detail: " + r.err());
        if (lines.size() > 1) assertTrue(lines.get(1).startsWith("  detail: "), r.err());
        assertTrue(r.err().startsWith("sgmigrate: "), r.err());
        assertTrue(r.err().contains(stderrHas), r.err());
        assertFalse(r.err().contains("Exception") || r.out().contains("\tat ") || r.err().contains("internal error"), r.out() + r.err());
    }

    private static void statesBothHosts(Result r) {
        assertTrue(r.out().contains("STOPPED. Old host: unchanged (it is only read). New host: "), r.out());
    }

    /** The target still holds what it held before (fresh: no users; with data: its own user), and its scratch copy is not in use. */
    private void targetHoldsItsOwnData(boolean hadData) {
        assertEquals(hadData ? OWN_USER : "", run.onTarget("select string_agg(username, ',') from users"), "the new host's own data, whole");
    }

    private void resumeFinishes(List<String> args) throws Exception {
        List<String> a = new ArrayList<>(args);
        a.add("--resume");
        Result r = run.sgmigrate(a);
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("Migration complete"), r.out());
        LabMigrationTest.assertSameData(run, lab);
    }

    /** Killed (kill -9) as each step starts, one step further on every resume: every resume goes on, and the end is complete. */
    private void killedAtEveryStep(List<String> args, int firstStep, int steps, boolean hadData) throws Exception {
        String sourceUsers = run.onSource("select count(*) from users");
        Result r = run.sgmigrate(args, atStep(firstStep));
        for (int k = firstStep + 1; k <= steps; k++) {
            String users = run.onTarget("select count(*) from users");
            assertTrue(users.equals(hadData ? "1" : "0") || users.equals(sourceUsers), "before step " + k + ": the old target's or the new data, never a mix: " + users);
            List<String> a = new ArrayList<>(args);
            a.add("--resume");
            r = run.sgmigrate(a, atStep(k));
            assertFalse(r.out().contains("Migration complete"), "killed at step " + k + ": " + r.out());
            assertTrue(r.out().contains("[" + k + "/" + steps + "]"), "reached step " + k + ": " + r.out());
        }
        resumeFinishes(args);
    }

    @Test
    void killedAtEveryStepOntoAFreshTarget() throws Exception {
        killedAtEveryStep(fresh(), 3, 11, false);
    }

    @Test
    void killedAtEveryStepOntoATargetWithData() throws Exception {
        giveTheTargetData();
        killedAtEveryStep(withData(), 3, 12, true);
    }

    /** A fresh run whose SSH sessions of {@code user} are cut a moment into the transfer (the dumps out, the payload and restore in). */
    private void cutMidTransfer(String user) throws Exception {
        Result r;
        try (AutoCloseable slow = LabFaults.slowLinks("1mbit", Lab.source(lab).port(), Lab.target(lab).port())) {
            r = run.sgmigrate(fresh(), atStep(6), pause(700).then(() -> LabFaults.cutSessions(user)), Map.of(), List.of());
        }
        stoppedPlainly(r, "sgmigrate: ");
        statesBothHosts(r);
        assertEquals("FAILED", state("transfer"));
        targetHoldsItsOwnData(false);
        resumeFinishes(fresh());
    }

    @Test
    void theOldHostsConnectionCutMidDump() throws Exception {
        cutMidTransfer("sgold");
    }

    @Test
    void theNewHostsConnectionCutMidTransfer() throws Exception {
        cutMidTransfer("sgnew");
    }

    /** The new host's SSH cut while the staged payload is restored into scratch databases beside the target's own. */
    @Test
    void theNewHostsConnectionCutMidRestore() throws Exception {
        giveTheTargetData();
        Result r;
        try (AutoCloseable slow = LabFaults.slowLinks("1mbit", Lab.target(lab).port())) {
            r = run.sgmigrate(withData(), atStep(8), pause(700).then(() -> LabFaults.cutSessions("sgnew")), Map.of(), List.of());
        }
        stoppedPlainly(r, "sgmigrate: ");
        statesBothHosts(r);
        assertEquals("FAILED", state("restore"));
        targetHoldsItsOwnData(true);
        resumeFinishes(withData());
    }

    /** The new host's Docker engine stopped (and later started again) while the restore runs. */
    @Test
    void theNewHostsDockerEngineStoppedMidRestore() throws Exception {
        giveTheTargetData();
        LabFaults.Engine engine = LabFaults.Engine.of("new");
        Result r;
        try (AutoCloseable slow = LabFaults.slowLinks("1mbit", Lab.target(lab).port())) {
            r = run.sgmigrate(withData(), atStep(8), pause(500).then(() -> {
                try {
                    engine.stop();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }), Map.of(), List.of());
        } finally {
            engine.start();
        }
        stoppedPlainly(r, "sgmigrate: ");
        statesBothHosts(r);
        assertEquals("FAILED", state("restore"));
        waitForTargetDatabase();
        targetHoldsItsOwnData(true);
        resumeFinishes(withData());
    }

    /** The staging folder's filesystem fills up while the payload is written to it. */
    @Test
    void theStagingFilesystemFillsUpMidTransfer() throws Exception {
        Path mount = Path.of("/srv/sgmigrate-lab-small");
        String staging = mount + "/staging";
        try (AutoCloseable small = LabFaults.smallFilesystem(mount, "64m", "sgnew")) {
            Result r;
            try (AutoCloseable slow = LabFaults.slowLinks("1mbit", Lab.target(lab).port())) {
                r = run.sgmigrate(fresh("--staging-dir", staging), atStep(6), pause(300).then(() -> LabFaults.fill(mount, 32)), Map.of(), List.of());
            }
            stoppedPlainly(r, "sgmigrate: ");
            statesBothHosts(r);
            assertEquals("FAILED", state("transfer"));
            targetHoldsItsOwnData(false);
            Files.delete(mount.resolve(".filler"));
            resumeFinishes(fresh("--staging-dir", staging));
        }
    }

    /** Onto a fresh target the payload is kept here, beside the journal; the disk here fills up while it is written. */
    @Test
    void theDiskHereFillsUpWhileThePayloadIsKeptThere() throws Exception {
        Path mount = Path.of("/srv/sgmigrate-lab-here");
        try (AutoCloseable small = LabFaults.smallFilesystem(mount, "256m", System.getProperty("user.name"))) {
            List<String> args = journalIn(fresh(), mount.resolve("run.json"));
            Result r;
            try (AutoCloseable slow = LabFaults.slowLinks("1mbit", Lab.source(lab).port(), Lab.target(lab).port())) {
                r = run.sgmigrate(args, atStep(6), pause(300).then(() -> LabFaults.fill(mount, 32)), Map.of(), List.of());
            }
            assertTrue(r.out().contains("PASS  Payload kept here: "), r.out());
            stoppedPlainly(r, "filled up while the payload was written there");
            assertTrue(r.err().contains("run again with --resume"), r.err());
            statesBothHosts(r);
            assertTrue(r.out().contains("an incomplete payload may remain under a .partial name beside the journal on this machine"), r.out());
            assertEquals("FAILED", state("transfer"));
            targetHoldsItsOwnData(false);
            try (var left = Files.list(mount)) {
                assertEquals(List.of(), left.map(x -> x.getFileName().toString()).filter(n -> n.contains(".payload.gpg")).toList(), "the incomplete payload was removed");
            }
            Files.delete(mount.resolve(".filler"));
            resumeFinishes(args);
            assertFalse(Files.exists(Path.of(Journal.load(journal()).outputs("transfer").get("payloadPath"))), "removed once verified");
        }
    }

    /** Too little room here for the payload: pre-flight says so and it is staged on the new host instead, as before. */
    @Test
    void tooLittleRoomHereStagesThePayloadOnTheNewHost() throws Exception {
        Path mount = Path.of("/srv/sgmigrate-lab-tiny");
        try (AutoCloseable small = LabFaults.smallFilesystem(mount, "2m", System.getProperty("user.name"))) {
            Result r = run.sgmigrate(journalIn(fresh(), mount.resolve("run.json")));
            assertEquals(0, r.code(), r.out() + r.err());
            assertTrue(r.out().matches("(?s).*PASS  Payload kept here: Only [0-9.]+ [KM]iB free in " + mount + ", about [0-9.]+ [MG]iB needed on this machine: "
                    + "the payload is staged on the new host instead.*"), r.out());
            assertTrue(r.out().contains("PASS  Space for the staged payload"), r.out());
            String staged = Journal.load(journal()).outputs("transfer").get("payloadPath");
            assertTrue(staged.contains("/sgmigrate-staging/") && r.out().contains(" staged at " + staged), r.out());
            LabMigrationTest.assertSameData(run, lab);
        }
    }

    /** Killed once the payload was kept here and restored from the stream: a byte flipped in it since is never trusted, and it is sent again. */
    @Test
    void aByteFlippedInThePayloadKeptHereIsNeverUsedAndItIsSentAgain() throws Exception {
        Result first = run.sgmigrate(fresh(), atStep(7));
        assertTrue(first.out().contains("kept here at "), first.out());
        Path kept = Path.of(Journal.load(journal()).outputs("transfer").get("payloadPath"));
        String sent = Journal.load(journal()).outputs("transfer").get("sha256");
        assertEquals(sent, LocalPayloadFile.sha256(kept));
        try (var f = java.nio.channels.FileChannel.open(kept, java.nio.file.StandardOpenOption.WRITE)) {
            f.write(java.nio.ByteBuffer.wrap(new byte[] {'X'}), 2000);
        }
        Result r = run.sgmigrate(fresh("--resume"), atStep(7));
        assertTrue(r.out().contains("no longer matches the SHA-256 recorded when it was sent") && r.out().contains("sent again"), r.out());
        String again = Journal.load(journal()).outputs("transfer").get("sha256");
        assertEquals(again, LocalPayloadFile.sha256(kept), "the payload sent again replaced the damaged one");
        resumeFinishes(fresh());
    }

    /** psql refuses the dump (here a table in the way in template1, as an incompatible server would): the target keeps its data. */
    private void restoreFailsInPsql(boolean hadData) throws Exception {
        if (hadData) giveTheTargetData();
        run.onTargetDatabase("template1", "create table public.users (id int)");
        Result r = run.sgmigrate(hadData ? withData() : fresh());
        stoppedPlainly(r, "Restoring sourcegraph into pgsql failed; PostgreSQL stopped at the first error.");
        assertTrue(r.err().contains("The databases in use are untouched"), r.err());
        statesBothHosts(r);
        assertEquals("FAILED", state(hadData ? "restore" : "transfer"));
        targetHoldsItsOwnData(hadData);
        run.onTargetDatabase("template1", "drop table public.users");
        resumeFinishes(hadData ? withData() : fresh());
    }

    @Test
    void aRestoreThatFailsInPsqlOntoAFreshTarget() throws Exception {
        restoreFailsInPsql(false);
    }

    @Test
    void aRestoreThatFailsInPsqlOntoATargetWithData() throws Exception {
        restoreFailsInPsql(true);
    }

    /** Killed after the payload was staged, before it was checked: the state every resume row below starts from. */
    private void stagedThenKilled() throws Exception {
        giveTheTargetData();
        Result r = run.sgmigrate(withData(), atStep(4));
        assertTrue(r.out().contains("[4/12] Check the staged payload"), r.out());
        assertTrue(Journal.load(journal()).isDone("transfer"));
    }

    @Test
    void aWrongPassphraseOnResumeStopsBeforeAnythingChanges() throws Exception {
        stagedThenKilled();
        Path wrong = Files.writeString(dir.resolve("wrong.key"), "not the passphrase\n");
        String before = run.hostState(false);
        List<String> a = new ArrayList<>(withData("--resume", "--passphrase-file", wrong.toString()));
        Result r = run.sgmigrate(a);
        stoppedPlainly(r, "The passphrase does not open this payload");
        statesBothHosts(r);
        assertEquals(before, run.hostState(false), "nothing on the new host was stopped or changed");
        targetHoldsItsOwnData(true);
        resumeFinishes(withData());
    }

    @Test
    void aByteFlippedInTheStagedPayloadIsNeverUsedAndItIsSentAgain() throws Exception {
        stagedThenKilled();
        String staged = Journal.load(journal()).outputs("transfer").get("payloadPath");
        try (SshConnection t = run.connect(lab.target())) {
            t.runChecked(RemoteCommand.of("sh", "-c", "printf 'X' | dd of=\"$1\" bs=1 seek=2000 conv=notrunc status=none", "sh", staged));
        }
        List<String> a = new ArrayList<>(withData("--resume"));
        Result r = run.sgmigrate(a);
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("no longer matches the SHA-256 recorded when it was sent") && r.out().contains("sent again"), r.out());
        LabMigrationTest.assertSameData(run, lab);
    }

    /** A resume that sends the payload again encrypts it to the recipient the run was started with, though --recipient is not repeated. */
    @Test
    void aPayloadSentAgainOnResumeKeepsTheRunsRecipient() throws Exception {
        Path gnupg = Files.createDirectories(dir.resolve("gnupg"));
        Files.setPosixFilePermissions(gnupg, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        LabFaults.sh("gpg", "--homedir", gnupg.toString(), "--batch", "--pinentry-mode", "loopback", "--passphrase", "",
                "--quick-gen-key", "Support <support@example.invalid>", "default", "default", "never");
        Path key = dir.resolve("support.asc");
        Files.writeString(key, LabFaults.sh("gpg", "--homedir", gnupg.toString(), "--armor", "--export", "support@example.invalid"));
        giveTheTargetData();
        Result first = run.sgmigrate(withData("--recipient", key.toString()), atStep(4));
        assertTrue(first.out().contains("[4/12] Check the staged payload"), first.out());
        String staged = Journal.load(journal()).outputs("transfer").get("payloadPath");
        try (SshConnection t = run.connect(lab.target())) {
            t.runChecked(RemoteCommand.of("sh", "-c", "printf 'X' | dd of=\"$1\" bs=1 seek=2000 conv=notrunc status=none", "sh", staged));
        }
        // Killed again once the payload was sent anew, to read what was staged this time.
        Result again = run.sgmigrate(withData("--resume"), atStep(4));
        assertTrue(again.out().contains("sent again"), again.out());
        Path local = dir.resolve("payload.gpg");
        try (SshConnection t = run.connect(lab.target()); var out = Files.newOutputStream(local)) {
            assertEquals(0, t.stream(RemoteCommand.of("cat", "--", staged), null, out).exitCode());
        }
        LabFaults.sh("gpg", "--homedir", gnupg.toString(), "--batch", "--pinentry-mode", "loopback", "--output", dir.resolve("payload.tar").toString(),
                "--decrypt", local.toString());
        assertTrue(Files.size(dir.resolve("payload.tar")) > 0, "support's key opens the payload sent on resume");
        resumeFinishes(withData());
    }

    @Test
    void aHostKeyChangedBetweenRunAndResumeIsRefused() throws Exception {
        stagedThenKilled();
        String before = run.hostState(false);
        // The host itself presents another key than known_hosts records: SSH stops at once.
        Path forged = dir.resolve("forged_known_hosts");
        Path otherKey = dir.resolve("other");
        LabFaults.sh("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", otherKey.toString());
        String pub = Files.readString(Path.of(otherKey + ".pub")).strip().split(" ", 3)[1];
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(lab.knownHosts())) {
            lines.add(line.startsWith("[127.0.0.1]:" + Lab.target(lab).port() + " ") ? line.split(" ")[0] + " ssh-ed25519 " + pub : line);
        }
        Files.write(forged, lines);
        List<String> a = new ArrayList<>(withData("--resume"));
        a.set(a.indexOf("--known-hosts") + 1, forged.toString());
        Result changed = run.sgmigrate(a);
        stoppedPlainly(changed, "has CHANGED");
        assertEquals(12, changed.code());
        // known_hosts was updated (a reinstall, or another machine at the address): the journal still knows the key it ran against.
        ObjectMapper json = new ObjectMapper();
        ObjectNode j = (ObjectNode) json.readTree(journal().toFile());
        for (var step : j.withArray("steps")) {
            if (step.path("id").asText().equals("connect")) ((ObjectNode) step.path("outputs")).put("targetHostKey", "SHA256:AnotherMachineEntirely0000000000000000000000");
        }
        json.writeValue(journal().toFile(), j);
        Result other = run.sgmigrate(withData("--resume"));
        stoppedPlainly(other, "This journal belongs to another run: host key of the new host SHA256:AnotherMachineEntirely");
        assertEquals(12, other.code());
        assertEquals(before, run.hostState(false), "nothing on the new host changed");
        targetHoldsItsOwnData(true);
    }

    @Test
    void aResumeWithAnotherComposeFolderOrTargetIsRefused() throws Exception {
        stagedThenKilled();
        String before = run.hostState(false);
        String copy = "/tmp/sgmigrate-test-other-compose";
        try (SshConnection t = run.connect(lab.target())) {
            t.runChecked(RemoteCommand.of("sh", "-c", "rm -rf \"$2\" && mkdir -p \"$2\" && cp -a \"$1\"/. \"$2\"/", "sh", lab.composeDir(), copy));
        }
        try {
            List<String> a = new ArrayList<>(withData("--resume"));
            a.set(a.indexOf("--compose-dir") + 1, copy);
            Result r = run.sgmigrate(a);
            stoppedPlainly(r, "This journal belongs to another run: compose folder " + lab.composeDir() + " \u2192 " + copy);
            assertEquals(2, r.code());
            assertEquals(before, run.hostState(false), "nothing on the new host changed");
        } finally {
            try (SshConnection t = run.connect(lab.target())) {
                t.runChecked(RemoteCommand.of("rm", "-rf", "--", copy));
            }
        }
        // The same folder written another way is the same run.
        List<String> same = new ArrayList<>(withData());
        same.set(same.indexOf("--compose-dir") + 1, lab.composeDir() + "/");
        resumeFinishes(same);
    }

    @Test
    void aResumeWithoutAJournalTakesOnlyARunToTheSameHost() throws Exception {
        giveTheTargetData();
        List<String> jvm = List.of("-Duser.home=" + dir);
        List<String> noJournal = new ArrayList<>(withData());
        int i = noJournal.indexOf("--journal");
        noJournal.remove(i + 1);
        noJournal.remove(i);
        Result first = run.sgmigrate(noJournal, atStep(4), null, Map.of(), jvm);
        assertTrue(first.out().contains("journal: " + dir.resolve(".sgmigrate/runs")), first.out());
        List<String> elsewhere = new ArrayList<>(noJournal);
        elsewhere.set(elsewhere.indexOf("--target") + 1, "ssh://someone-else@127.0.0.1:" + Lab.target(lab).port());
        elsewhere.add("--resume");
        Result refused = run.sgmigrate(elsewhere, null, null, Map.of(), jvm);
        stoppedPlainly(refused, "There is no journal of a run to someone-else@127.0.0.1:" + Lab.target(lab).port());
        List<String> again = new ArrayList<>(noJournal);
        again.add("--resume");
        Result r = run.sgmigrate(again, null, null, Map.of(), jvm);
        assertEquals(0, r.code(), r.out() + r.err());
        LabMigrationTest.assertSameData(run, lab);
    }

    @Test
    void twoRunsOnOneJournalAtOnceTheSecondIsRefused() throws Exception {
        AtomicReference<Result> second = new AtomicReference<>();
        Result first;
        try (AutoCloseable slow = LabFaults.slowLinks("1mbit", Lab.target(lab).port())) {
            first = run.sgmigrate(fresh(), atStep(6), () -> {
                try {
                    second.set(run.sgmigrate(fresh("--resume")));
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }, Map.of(), List.of());
        }
        stoppedPlainly(second.get(), "is in use by another sgmigrate");
        assertEquals(14, second.get().code());
        assertEquals(0, first.code(), "the first run was not disturbed: " + first.out() + first.err());
        LabMigrationTest.assertSameData(run, lab);
    }

    @Test
    void aJournalCutShortIsRefusedPlainly() throws Exception {
        stagedThenKilled();
        String before = run.hostState(false);
        byte[] whole = Files.readAllBytes(journal());
        Files.write(journal(), java.util.Arrays.copyOf(whole, whole.length / 2));
        Result r = run.sgmigrate(withData("--resume"));
        stoppedPlainly(r, "is not a valid journal");
        assertEquals(2, r.code());
        assertEquals(before, run.hostState(false), "nothing on the new host changed");
        targetHoldsItsOwnData(true);
    }

    private Path journal() {
        return journalAt != null ? journalAt : dir.resolve("run.json");
    }

    /** A run whose journal (and so the payload kept beside it) is at {@code at}. */
    private List<String> journalIn(List<String> args, Path at) {
        journalAt = at;
        List<String> a = new ArrayList<>(args);
        a.set(a.indexOf("--journal") + 1, at.toString());
        return a;
    }

    private String state(String step) {
        return Journal.load(journal()).step(step).map(s -> s.state.name()).orElse("absent");
    }

    private void waitForTargetDatabase() throws InterruptedException {
        LabFaults.waitForTargetDatabase(run, lab);
    }

    /** A fault a moment after a line appeared, so it lands in the middle of what that line started. */
    private static Delayed pause(long ms) {
        return new Delayed(ms);
    }

    private record Delayed(long ms) {
        Runnable then(Runnable fault) {
            return () -> {
                try {
                    Thread.sleep(ms);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                fault.run();
            };
        }
    }
}
