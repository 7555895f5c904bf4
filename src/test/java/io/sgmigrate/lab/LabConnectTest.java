package io.sgmigrate.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.prompt.HostKeyDecision;
import io.sgmigrate.engine.shell.RemoteCommand;
import io.sgmigrate.engine.ssh.SshAddress;
import io.sgmigrate.engine.ssh.SshConnection;
import io.sgmigrate.engine.ssh.SshConnector;
import io.sgmigrate.engine.ssh.SshOptions;
import io.sgmigrate.support.Lab;
import io.sgmigrate.support.LabCase;
import io.sgmigrate.support.LabRun;
import io.sgmigrate.support.LabRun.Result;
import io.sgmigrate.support.ScriptedPrompter;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The ways people log in, through the lab's real OpenSSH: ~/.ssh/config Host entries with ProxyJump, ssh-agent, a password. */
class LabConnectTest extends LabCase {

    @Test
    void aPasswordLoginWorksAndAWrongPasswordIsSaidPlainlyAndNothingIsKept() throws Exception {
        // The lab's old host has a login that accepts a password only (no key), as some hosts do.
        SshAddress login = SshAddress.parse(lab.require("LAB_SOURCE_PASSWORD_LOGIN"));
        String password = Files.readString(Path.of(lab.require("LAB_SOURCE_PASSWORD_FILE"))).strip();
        SshOptions passwordOnly = new SshOptions(Optional.empty(), lab.knownHosts(), Set.of(), Optional.empty(), false, true, Duration.ofSeconds(10));

        ScriptedPrompter right = new ScriptedPrompter(HostKeyDecision.REJECT, password);
        try (SshConnection c = new SshConnector(right).connect(login, passwordOnly)) {
            assertEquals(login.user(), c.runChecked(RemoteCommand.of("id", "-un")).stdout().strip());
            assertTrue(c.runChecked(RemoteCommand.of("docker", "ps", "--format", "{{.Names}}")).stdout().contains(lab.sourceContainer()));
        }
        assertEquals(1, right.secretQuestions.size(), "asked once");
        assertTrue(right.handedOut.stream().allMatch(io.sgmigrate.engine.secret.Secret::isWiped), "the password is wiped after the login");

        ScriptedPrompter wrong = new ScriptedPrompter(HostKeyDecision.REJECT, "not-" + password, "still-not-" + password, "nope");
        Problem p = assertThrows(Problem.class, () -> new SshConnector(wrong).connect(login, passwordOnly));
        assertEquals(Problem.Kind.AUTHENTICATION, p.kind(), p.what());
        assertEquals("The login to " + login.display() + " was refused.", p.what());
        assertTrue(p.next().contains("password"), p.next());
        assertEquals(3, wrong.secretQuestions.size(), "three tries, then refused");
        assertTrue(wrong.handedOut.stream().allMatch(io.sgmigrate.engine.secret.Secret::isWiped));

        // Password logins off (the default of unattended runs): refused at once, nothing asked.
        ScriptedPrompter never = new ScriptedPrompter(HostKeyDecision.REJECT, password);
        Problem off = assertThrows(Problem.class, () -> new SshConnector(never).connect(login, passwordOnly.withPasswordAllowed(false)));
        assertEquals(Problem.Kind.AUTHENTICATION, off.kind());
        assertEquals(0, never.secretQuestions.size());
    }


    @Test
    void theNewHostIsReachedThroughTheOldOneAsAProxyJumpFromSshConfig() throws Exception {
        // A new host that only the old host can reach: named by a Host entry, through ProxyJump.
        Path config = dir.resolve("ssh_config");
        Files.writeString(config, "Host sg-new-behind-old\n  HostName 127.0.0.1\n  Port " + Lab.target(lab).port() + "\n  User sgnew\n"
                + "  ProxyJump " + Lab.source(lab).user() + "@127.0.0.1:" + Lab.source(lab).port() + "\n");
        List<String> args = new ArrayList<>(run.args("--dry-run", "--ssh-config", config.toString()));
        args.set(args.indexOf("--target") + 1, "sg-new-behind-old");
        Result r = run.sgmigrate(args);
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("### new host sg-new-behind-old"), r.out());
        assertTrue(r.out().contains("PASS  Versions match"), r.out());
    }

    @Test
    void aKeyHeldBySshAgentLogsIn() throws Exception {
        Path sock = dir.resolve("agent.sock");
        Process agent = new ProcessBuilder("ssh-agent", "-D", "-a", sock.toString()).redirectErrorStream(true).start();
        try {
            for (int i = 0; i < 50 && !Files.exists(sock); i++) Thread.sleep(100);
            ProcessBuilder add = new ProcessBuilder("ssh-add", lab.identity().toString()).redirectErrorStream(true);
            add.environment().put("SSH_AUTH_SOCK", sock.toString());
            Process added = add.start();
            assertTrue(added.waitFor(20, TimeUnit.SECONDS) && added.exitValue() == 0, new String(added.getInputStream().readAllBytes()));
            List<String> args = new ArrayList<>(run.args("--dry-run"));
            int i = args.indexOf("--identity");
            args.remove(i + 1);
            args.remove(i);
            args.remove("--no-agent");
            Result r = run.sgmigrate(args, null, Map.of("SSH_AUTH_SOCK", sock.toString()));
            assertEquals(0, r.code(), r.out() + r.err());
            assertTrue(r.out().contains("PASS  Versions match"), r.out());
        } finally {
            agent.destroy();
        }
    }

    @Test
    void anOldHostLoginOutsideTheDockerGroupMigratesThroughSudo() throws Exception {
        String sudoLogin = lab.require("LAB_SOURCE_SUDO");
        List<String> args = new ArrayList<>(run.args("--dry-run"));
        args.set(args.indexOf("--source") + 1, sudoLogin);
        Result plan = run.sgmigrate(args);
        assertEquals(0, plan.code(), plan.out() + plan.err());
        assertTrue(plan.out().contains("PASS  Docker on the old host: Docker"), plan.out());
        assertTrue(plan.out().contains("through sudo"), plan.out());
        assertTrue(plan.out().contains("' sgmigrate-dump sudo -n -- docker exec -i sourcegraph pg_dump"), plan.out());
        assertTrue(plan.out().contains("\ndocker-compose -f " + lab.composeDir()), "the new host's login needs no sudo: " + plan.out());

        args.set(args.indexOf("--dry-run"), "--yes");
        try {
            Result r = run.sgmigrate(args);
            assertEquals(0, r.code(), r.out() + r.err());
            // The dump is compressed on the old host, with sudo inside the pipe.
            assertTrue(r.out().contains("PASS  Dump stream: pg_dump's output is compressed on the old host"), r.out());
            assertEquals(run.onSource("select count(*) from event_logs"), run.onTarget("select count(*) from event_logs"));
        } finally {
            LabMigrationTest.freshTarget(run, lab);
        }
    }
}
