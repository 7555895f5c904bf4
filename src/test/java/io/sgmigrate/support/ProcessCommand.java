package io.sgmigrate.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * Runs an exec request with the login shell's {@code -c} (/bin/sh unless a test picks another), as OpenSSH's sshd does, with one pump thread per stream
 * (MINA's own process shell pumps all three on one thread and deadlocks on large bidirectional streams).
 */
final class ProcessCommand implements Command {
    private final String shell;
    private final String command;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;
    private Process process;

    ProcessCommand(String shell, String command) {
        this.shell = shell;
        this.command = command;
    }

    @Override
    public void setInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
        this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
        this.exit = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(shell, "-c", command);
        pb.environment().put("SHELL", shell);
        // This server stands for a host without a Docker engine, whatever this machine runs.
        pb.environment().put("DOCKER_HOST", "unix:///nonexistent/embedded-ssh/docker.sock");
        process = pb.start();
        Thread feed = pump("stdin", in, process.getOutputStream(), true);
        Thread o = pump("stdout", process.getInputStream(), out, false);
        Thread e = pump("stderr", process.getErrorStream(), err, false);
        Thread waiter = new Thread(() -> {
            try {
                int code = process.waitFor();
                o.join();
                e.join();
                feed.interrupt();
                exit.onExit(code);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }, "embedded-ssh-wait");
        waiter.setDaemon(true);
        waiter.start();
    }

    private static Thread pump(String name, InputStream from, OutputStream to, boolean closeTarget) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[32 * 1024];
            try {
                int n;
                while ((n = from.read(buf)) >= 0) {
                    to.write(buf, 0, n);
                    to.flush();
                }
            } catch (IOException ignored) {
                // the other side went away; the exit code tells the story
            } finally {
                if (closeTarget) {
                    try {
                        to.close();
                    } catch (IOException ignored) {
                        // already closed
                    }
                }
            }
        }, "embedded-ssh-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Override
    public void destroy(ChannelSession channel) {
        if (process != null) process.destroyForcibly();
    }
}
