package io.sgmigrate.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.engine.shell.RemoteCommand;
import io.sgmigrate.engine.ssh.SshConnection;
import io.sgmigrate.support.Lab;
import io.sgmigrate.support.LabCase;
import io.sgmigrate.support.LabRun;
import io.sgmigrate.support.LabRun.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every way a migration must refuse to start, against the lab's real hosts: each stops with one plain line on
 * stderr that says what and what to do, a distinct exit code, and both hosts exactly as they were.
 */
class LabMigrationStopsTest extends LabCase {
    String oldBefore;
    String newBefore;

    @BeforeEach
    void rememberBothHosts() {
        oldBefore = run.hostState(true);
        newBefore = run.hostState(false);
    }

    private void stopped(Result r, int code, String stderrStart) {
        assertEquals(code, r.code(), r.out() + r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line on stderr: " + r.err());
        assertTrue(r.err().startsWith(stderrStart), r.err());
        assertFalse(r.err().contains("Exception") || r.out().contains("\tat "), "no stack trace: " + r.out() + r.err());
        assertEquals(oldBefore, run.hostState(true), "the old host is unchanged");
        assertEquals(newBefore, run.hostState(false), "the new host is unchanged");
    }

    private static List<String> with(List<String> args, String option, String value) {
        List<String> a = new ArrayList<>(args);
        a.set(a.indexOf(option) + 1, value);
        return a;
    }

    /** A copy of the lab's compose folder on the new host, at {@code path}, optionally with its release changed. */
    private void composeCopy(String path, String release) {
        try (SshConnection t = run.connect(lab.target())) {
            t.runChecked(RemoteCommand.of("sh", "-c", "rm -rf \"$2\" && mkdir -p \"$2\" && cp -a \"$1\"/. \"$2\"/"
                    + (release == null ? "" : " && sed -i \"s/:$3'/:$4'/\" \"$2\"/*.yaml"), "sh", lab.composeDir(), path, lab.targetVersion(),
                    release == null ? "" : release));
        }
    }

    private void remove(String path) {
        try (SshConnection t = run.connect(lab.target())) {
            t.runChecked(RemoteCommand.of("rm", "-rf", "--", path));
        }
    }

    @Test
    void aVersionMismatchStopsAtPreflight() throws Exception {
        String copy = "/tmp/sgmigrate-test-mismatch";
        // A new host two minors ahead: the stop names the old instance's way up (the planner's standard path).
        String old = lab.version();
        var table = io.sgmigrate.engine.upgrade.Releases.shipped();
        var at = io.sgmigrate.engine.sourcegraph.SourcegraphVersion.parse(old).orElseThrow();
        var newer = table.next(table.minor(at.major(), at.minor()).orElseThrow()).orElseThrow();
        var further = table.next(newer).orElseThrow();
        String to = further.name() + ".0";
        composeCopy(copy, to);
        try {
            Result r = run.sgmigrate(with(run.args("--yes"), "--compose-dir", copy));
            assertTrue(r.out().contains("FAIL  Versions match"), r.out());
            assertTrue(r.out().contains("Or upgrade the old instance to " + to + " first: " + old + " \u2192 " + newer.latest() + " \u2192 " + to + " (2 steps, about 40\u201360 minutes"), r.out());
            assertTrue(r.out().contains("sgmigrate upgrade-path --from " + old + " --to " + to), r.out());
            stopped(r, 14, "sgmigrate: Pre-flight failed: Versions match");
        } finally {
            remove(copy);
        }
    }

    @Test
    void aMissingComposeFolderStopsAtPreflight() throws Exception {
        Result r = run.sgmigrate(with(run.args("--yes"), "--compose-dir", "/srv/no/such/folder"));
        assertTrue(r.out().contains("FAIL  Compose directory"), r.out());
        stopped(r, 14, "sgmigrate: Pre-flight failed: Compose directory");
    }

    @Test
    void anUnknownHostKeyIsNeverAcceptedUnattendedButAFingerprintGivenOnTheCommandLineIs() throws Exception {
        Path empty = Files.createFile(dir.resolve("known_hosts"));
        Result r = run.sgmigrate(with(run.args("--yes"), "--known-hosts", empty.toString()));
        assertTrue(r.err().contains(lab.sourceHostKeySha256()), "the fingerprint is shown to compare: " + r.err());
        stopped(r, 12, "sgmigrate: The host key of " + Lab.source(lab).display());
        assertEquals("", Files.readString(empty), "nothing was added to known_hosts");

        Result vouched = run.sgmigrate(with(run.args("--dry-run", "--accept-fingerprint", lab.sourceHostKeySha256(),
                "--accept-fingerprint", lab.require("LAB_TARGET_HOSTKEY_SHA256")), "--known-hosts", empty.toString()));
        assertEquals(0, vouched.code(), vouched.out() + vouched.err());
    }

    @Test
    void aChangedHostKeyIsAHardStop() throws Exception {
        Path forged = dir.resolve("known_hosts");
        List<String> lines = new ArrayList<>();
        Path otherKey = dir.resolve("other");
        new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", otherKey.toString()).start().waitFor();
        String pub = Files.readString(Path.of(otherKey + ".pub")).strip().split(" ", 3)[1];
        for (String line : Files.readAllLines(lab.knownHosts())) {
            lines.add(line.startsWith("[127.0.0.1]:" + Lab.target(lab).port() + " ") ? line.split(" ")[0] + " ssh-ed25519 " + pub : line);
        }
        Files.write(forged, lines);
        Result r = run.sgmigrate(with(run.args("--yes", "--accept-fingerprint", lab.require("LAB_TARGET_HOSTKEY_SHA256")), "--known-hosts", forged.toString()));
        stopped(r, 12, "sgmigrate: DANGER: the host key of " + Lab.target(lab).display() + " has CHANGED");
    }

    @Test
    void aKeyTheHostDoesNotKnowIsRefusedPlainly() throws Exception {
        Path stranger = dir.resolve("stranger");
        new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", stranger.toString()).start().waitFor();
        Result r = run.sgmigrate(with(run.args("--yes", "--no-password"), "--identity", stranger.toString()));
        stopped(r, 11, "sgmigrate: The login to " + Lab.source(lab).display() + " was refused.");
    }

    @Test
    void userTextNeverReachesARemoteShellUnquoted() throws Exception {
        String canary = "/tmp/sgmigrate-injected";
        Result r = run.sgmigrate(run.args("--dry-run", "--container", "x; touch " + canary + " $(touch " + canary + ") `touch " + canary + "`",
                "--staging-dir", "/tmp/a dir/it's \"$(touch " + canary + ")\""));
        assertEquals(14, r.code(), r.out() + r.err());
        for (String host : List.of(lab.source(), lab.target())) {
            try (SshConnection c = run.connect(host)) {
                assertFalse(c.run(RemoteCommand.of("test", "-e", canary)).ok(), "nothing was injected on " + host);
            }
        }
        assertEquals(oldBefore, run.hostState(true));
        assertEquals(newBefore, run.hostState(false));
    }
}
