package io.sgmigrate.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.engine.lab.LabEnvironment;
import io.sgmigrate.engine.shell.RemoteCommand;
import io.sgmigrate.engine.ssh.SshConnection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real faults in the lab, injected as root on this machine: SSH sessions cut (their sshd killed), a slow link
 * (tc on loopback), a host's Docker engine stopped and started again, a small filesystem that fills up.
 */
public final class LabFaults {
    private LabFaults() {}

    /** Runs a command on this machine as root; its output, or a failed assertion. */
    public static String sh(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", cmd));
            assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + out);
            return out;
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Cuts every SSH session of {@code user}: its sshd session processes are killed, as a dropped link or a reboot would end them. */
    public static void cutSessions(String user) {
        try {
            new ProcessBuilder("pkill", "-KILL", "-u", user, "-x", "sshd").start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Both lab hosts' links to this machine at {@code rate} each way (tc htb on lo) until closed. */
    public static AutoCloseable slowLinks(String rate, int... ports) {
        sh("tc", "qdisc", "replace", "dev", "lo", "root", "handle", "1:", "htb", "default", "0");
        int n = 10;
        for (int port : ports) {
            for (String dir : List.of("sport", "dport")) {
                n++;
                sh("tc", "class", "add", "dev", "lo", "parent", "1:", "classid", "1:" + n, "htb", "rate", rate, "ceil", rate, "burst", "16k", "cburst", "16k");
                sh("tc", "filter", "add", "dev", "lo", "parent", "1:", "protocol", "ip", "prio", "1", "u32", "match", "ip", dir, Integer.toString(port), "0xffff",
                        "flowid", "1:" + n);
            }
        }
        return () -> sh("tc", "qdisc", "del", "dev", "lo", "root");
    }

    /** A lab host's Docker engine ("old" or "new"), stopped and started again with the same command line. */
    public static final class Engine {
        private final List<String> cmdline;
        private final Path pidFile;

        private Engine(Path pidFile, List<String> cmdline) {
            this.pidFile = pidFile;
            this.cmdline = cmdline;
        }

        public static Engine of(String host) throws IOException {
            Path pidFile = Path.of("/run/sgmigrate-lab", host, "docker.pid");
            String pid = Files.readString(pidFile).strip();
            byte[] raw = Files.readAllBytes(Path.of("/proc", pid, "cmdline"));
            List<String> argv = new ArrayList<>(Arrays.asList(new String(raw, StandardCharsets.UTF_8).split("\0")));
            return new Engine(pidFile, argv);
        }

        /** As a crash or a host shutdown would: the engine stops (its containers with it). */
        public void stop() throws Exception {
            String pid = Files.readString(pidFile).strip();
            sh("kill", "-TERM", pid);
            for (int i = 0; i < 240 && Files.exists(Path.of("/proc", pid)); i++) Thread.sleep(250);
            assertTrue(!Files.exists(Path.of("/proc", pid)), "dockerd " + pid + " stopped");
        }

        public void start() throws Exception {
            List<String> cmd = new ArrayList<>(List.of("setsid", "-f"));
            cmd.addAll(cmdline);
            new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(10, TimeUnit.SECONDS);
            String sock = cmdline.stream().filter(a -> a.startsWith("unix://")).findFirst().orElseThrow().substring(7);
            for (int i = 0; i < 240; i++) {
                Process p = new ProcessBuilder("docker", "-H", "unix://" + sock, "version").redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) return;
                Thread.sleep(250);
            }
            throw new AssertionError("dockerd did not come back: " + cmdline);
        }
    }

    /** A small filesystem at {@code mount} owned by {@code owner}, as a staging folder that can fill up. */
    public static AutoCloseable smallFilesystem(Path mount, String size, String owner) throws IOException {
        Files.createDirectories(mount);
        sh("mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=0700", "tmpfs", mount.toString());
        sh("chown", owner + ":" + owner, mount.toString());
        return () -> sh("umount", "-l", mount.toString());
    }

    /**
     * {@code container}'s volume at {@code volume} (a folder of the new host's Docker data root) moved onto a small
     * filesystem of {@code size}, contents and owners kept, the container stopped meanwhile; put back when closed.
     */
    public static AutoCloseable volumeOnSmallFilesystem(LabRun run, LabEnvironment lab, String container, Path volume, String size) throws Exception {
        docker(run, lab, "stop", container);
        Path copy = Files.createTempDirectory("sgmigrate-volume");
        sh("cp", "-a", volume + "/.", copy.toString());
        String[] st = sh("stat", "-c", "%u %g %a", volume.toString()).strip().split(" ");
        sh("mount", "-t", "tmpfs", "-o", "size=" + size + ",uid=" + st[0] + ",gid=" + st[1] + ",mode=" + st[2], "tmpfs", volume.toString());
        sh("cp", "-a", copy + "/.", volume.toString());
        docker(run, lab, "start", container);
        waitForTargetDatabase(run, lab);
        return () -> {
            docker(run, lab, "stop", container);
            sh("umount", volume.toString());
            sh("rm", "-rf", copy.toString());
            docker(run, lab, "start", container);
            waitForTargetDatabase(run, lab);
        };
    }

    private static void docker(LabRun run, LabEnvironment lab, String... args) {
        List<String> cmd = new ArrayList<>(List.of("docker"));
        cmd.addAll(List.of(args));
        try (SshConnection t = run.connect(lab.target())) {
            t.runChecked(RemoteCommand.of(cmd));
        }
    }

    /** Until the new host's pgsql answers (a minute at most). */
    public static void waitForTargetDatabase(LabRun run, LabEnvironment lab) throws InterruptedException {
        for (int i = 0; i < 240; i++) {
            try (SshConnection t = run.connect(lab.target())) {
                if (t.run(RemoteCommand.of("docker", "exec", "pgsql", "pg_isready", "-q", "-h", "127.0.0.1", "-U", "sg")).ok()) return;
            } catch (RuntimeException notYet) {
                // the engine is still starting
            }
            Thread.sleep(250);
        }
    }

    /** Fills the filesystem of {@code dir} (as root) until about {@code leaveKib} KiB are left. */
    public static void fill(Path dir, long leaveKib) {
        String[] df = sh("df", "-Pk", dir.toString()).strip().split("\n");
        long free = Long.parseLong(df[df.length - 1].trim().split("\\s+")[3]);
        long kib = Math.max(0, free - leaveKib);
        sh("dd", "if=/dev/zero", "of=" + dir.resolve(".filler"), "bs=1024", "count=" + kib, "status=none");
    }
}
