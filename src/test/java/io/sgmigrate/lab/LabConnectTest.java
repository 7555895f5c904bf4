package io.sgmigrate.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.support.Lab;
import io.sgmigrate.support.LabCase;
import io.sgmigrate.support.LabRun;
import io.sgmigrate.support.LabRun.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The ways people log in, through the lab's real OpenSSH: ~/.ssh/config Host entries with ProxyJump, and ssh-agent. */
class LabConnectTest extends LabCase {


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
        assertTrue(plan.out().contains("sudo -n -- docker exec -i sourcegraph pg_dump"), plan.out());
        assertTrue(plan.out().contains("\ndocker-compose -f " + lab.composeDir()), "the new host's login needs no sudo: " + plan.out());

        args.set(args.indexOf("--dry-run"), "--yes");
        // Also the one full migration without compression: the restore stream is then plain SQL.
        args.addAll(List.of("--compression", "none"));
        try {
            Result r = run.sgmigrate(args);
            assertEquals(0, r.code(), r.out() + r.err());
            assertTrue(r.out().contains("restoring sourcegraph into pgsql\n"), r.out());
            assertFalse(r.out().contains("sent compressed"), r.out());
            assertEquals(run.onSource("select count(*) from event_logs"), run.onTarget("select count(*) from event_logs"));
        } finally {
            LabMigrationTest.freshTarget(run, lab);
        }
    }
}
