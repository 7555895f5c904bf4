package io.sgmigrate.engine.ssh;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.shell.RemoteCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A logged-in, host-key-verified SSH session to one host. Commands are {@link RemoteCommand}s (quoted argv),
 * run with no TTY so that binary streams pass through unchanged.
 */
public final class SshConnection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SshConnection.class);
    /** Output kept from a command run with {@link #run}; larger output belongs in {@link #stream}. */
    static final int CAPTURE_LIMIT = 8 * 1024 * 1024;
    private static final int STDERR_LIMIT = 64 * 1024;

    private final Session session;
    private final SshAddress address;
    private final String hostKeyFingerprint;
    private final SshConnection via;
    private volatile boolean dockerViaSudo;

    SshConnection(Session session, SshAddress address, String hostKeyFingerprint, SshConnection via) {
        this.session = session;
        this.address = address;
        this.hostKeyFingerprint = hostKeyFingerprint;
        this.via = via;
    }

    Session session() {
        return session;
    }

    /** From now on, docker and docker-compose commands on this host run through {@code sudo -n} (a login user outside the docker group). */
    public void useSudoForDocker(boolean on) {
        dockerViaSudo = on;
    }

    public boolean dockerViaSudo() {
        return dockerViaSudo;
    }

    /** A local port on 127.0.0.1 that leads, through this connection, to {@code host:port} as the remote host sees it. */
    public record Forward(int localPort, Runnable closer) implements AutoCloseable {
        @Override
        public void close() {
            closer.run();
        }
    }

    public Forward forward(String remoteHost, int remotePort) {
        try {
            int local = session.setPortForwardingL("127.0.0.1", 0, remoteHost, remotePort);
            return new Forward(local, () -> {
                try {
                    session.delPortForwardingL("127.0.0.1", local);
                } catch (com.jcraft.jsch.JSchException e) {
                    LOG.debug("closing the forward to {}:{}: {}", remoteHost, remotePort, e.toString());
                }
            });
        } catch (com.jcraft.jsch.JSchException e) {
            throw Problem.of(Problem.Kind.CONNECTION, "ssh.forward.failed", remoteHost, remotePort, address.display()).causedBy(e);
        }
    }

    /** The jump host this connection runs through (ProxyJump), if any. */
    public java.util.Optional<SshAddress> via() {
        return java.util.Optional.ofNullable(via).map(SshConnection::address);
    }

    /** The address actually used (after ssh config), with user and port filled in. */
    public SshAddress address() {
        return address;
    }

    public String hostKeyFingerprint() {
        return hostKeyFingerprint;
    }

    /** Runs a command, waits for it and returns its exit code and output (output past 8 MiB is an error). */
    public ExecResult run(RemoteCommand command) {
        BoundedBuffer out = new BoundedBuffer(CAPTURE_LIMIT);
        StreamResult r = stream(command, null, out);
        if (out.overflowed) throw Problem.of(Problem.Kind.REMOTE_COMMAND, "ssh.exec.tooMuchOutput", command.render(), address.display());
        return new ExecResult(command, r.exitCode(), out.toString(StandardCharsets.UTF_8), r.stderr());
    }

    /** Like {@link #run} but a non-zero exit becomes a {@link Problem} naming the command and its stderr. */
    public ExecResult runChecked(RemoteCommand command) {
        ExecResult r = run(command);
        if (!r.ok()) {
            throw Problem.of(Problem.Kind.REMOTE_COMMAND, "ssh.exec.failed", command.render(), address.display(), r.exitCode())
                    .withDetail(r.stderr().strip());
        }
        return r;
    }

    /** What a streamed command ended with. */
    public record StreamResult(int exitCode, String stderr) {}

    /**
     * Runs a command with {@code stdin} (may be null) fed to it and its stdout copied to {@code stdout},
     * both streamed: memory stays bounded whatever the size. Returns when the command has exited.
     */
    public StreamResult stream(RemoteCommand asked, InputStream stdin, OutputStream stdout) {
        RemoteCommand command = dockerViaSudo && asked.isDocker() ? asked.viaSudo() : asked;
        ChannelExec ch;
        try {
            ch = (ChannelExec) session.openChannel("exec");
        } catch (JSchException e) {
            throw Problem.of(Problem.Kind.CONNECTION, "ssh.channel.failed", address.display()).causedBy(e);
        }
        BoundedBuffer err = new BoundedBuffer(STDERR_LIMIT);
        AtomicReference<IOException> feedError = new AtomicReference<>();
        Thread feeder = null;
        try {
            ch.setCommand(command.render());
            ch.setPty(false);
            ch.setErrStream(err, true);
            InputStream remoteOut = ch.getInputStream();
            OutputStream remoteIn = ch.getOutputStream();
            ch.connect(30_000);
            LOG.debug("{}: {}", address.display(), command.render());
            if (stdin != null) {
                feeder = new Thread(() -> {
                    try (OutputStream o = remoteIn) {
                        stdin.transferTo(o);
                    } catch (IOException e) {
                        feedError.set(e);
                        closeQuietly(stdin);   // the remote end stopped reading: a writer feeding stdin must not wait for ever
                    }
                }, "sgmigrate-ssh-stdin");
                feeder.setDaemon(true);
                feeder.start();
            } else {
                remoteIn.close();
            }
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = remoteOut.read(buf)) >= 0) {
                stdout.write(buf, 0, n);
            }
            while (!ch.isClosed()) Thread.sleep(5);
            if (feeder != null) feeder.join();
            if (feedError.get() != null && ch.getExitStatus() == 0) {
                throw Problem.of(Problem.Kind.REMOTE_COMMAND, "ssh.exec.inputFailed", command.render(), address.display()).causedBy(feedError.get());
            }
            return new StreamResult(ch.getExitStatus(), err.toString(StandardCharsets.UTF_8));
        } catch (JSchException | IOException e) {
            throw Problem.of(Problem.Kind.CONNECTION, "ssh.exec.broken", command.render(), address.display()).causedBy(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Problem.of(Problem.Kind.CANCELLED, "job.cancelled");
        } finally {
            ch.disconnect();
            if (feeder != null) feeder.interrupt();
        }
    }

    public boolean isConnected() {
        return session.isConnected();
    }

    @Override
    public void close() {
        session.disconnect();
        if (via != null) via.close();
    }

    /** Keeps the first {@code limit} bytes and notes whether more came. */
    private static final class BoundedBuffer extends ByteArrayOutputStream {
        private final int limit;
        boolean overflowed;

        BoundedBuffer(int limit) {
            this.limit = limit;
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            int room = limit - count;
            if (len > room) overflowed = true;
            super.write(b, off, Math.max(0, Math.min(len, room)));
        }

        @Override
        public synchronized void write(int b) {
            if (count >= limit) {
                overflowed = true;
                return;
            }
            super.write(b);
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // nothing more to tell: the feed error is recorded
        }
    }
}
