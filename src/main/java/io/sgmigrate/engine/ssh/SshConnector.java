package io.sgmigrate.engine.ssh;

import com.jcraft.jsch.AgentIdentityRepository;
import com.jcraft.jsch.ConfigRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.JSchRevokedHostKeyException;
import com.jcraft.jsch.KeyPair;
import com.jcraft.jsch.OpenSSHConfig;
import com.jcraft.jsch.SSHAgentConnector;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.UnixDomainSocketFactory;
import com.jcraft.jsch.UserInfo;
import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.prompt.Prompter;
import io.sgmigrate.engine.prompt.SecretQuestion;
import io.sgmigrate.engine.secret.Secret;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens verified SSH sessions with JSch. Host keys are checked by {@link HostKeyGuard}; key passphrases
 * and login passwords are asked through the {@link Prompter} only when needed and wiped right after use.
 * Every failure becomes a {@link Problem} that says what happened and what to do.
 */
public final class SshConnector {
    private static final Logger LOG = LoggerFactory.getLogger(SshConnector.class);
    private static final int PASSPHRASE_TRIES = 3;

    private final Prompter prompter;

    public SshConnector(Prompter prompter) {
        this.prompter = prompter;
    }

    private static final int MAX_JUMPS = 4;

    /** Connects to {@code address}, through the jump hosts its ssh config Host entry names in ProxyJump, if any. */
    public SshConnection connect(SshAddress address, SshOptions options) {
        return connect(address, options, 0);
    }

    private SshConnection connect(SshAddress address, SshOptions options, int depth) {
        ConfigRepository config = loadConfig(options);
        String jumps = config == null ? null : configValue(config, address.host(), "ProxyJump");
        if (jumps == null || jumps.isBlank() || jumps.strip().equalsIgnoreCase("none")) return connect(address, options, config, null);
        if (depth >= MAX_JUMPS) throw Problem.of(Problem.Kind.INPUT, "ssh.jump.loop", address.display(), MAX_JUMPS);
        // ProxyJump a,b: reach a (itself as its own Host entry says), then b through a, then the destination through b.
        SshConnection via = null;
        try {
            for (String hop : jumps.split(",")) {
                SshAddress h = SshAddress.parse(hop.strip());
                via = via == null ? connect(h, options, depth + 1) : connect(h, options, config, via);
            }
            return connect(address, options, config, via);
        } catch (RuntimeException e) {
            if (via != null) via.close();
            throw e;
        }
    }

    private static String configValue(ConfigRepository config, String host, String key) {
        ConfigRepository.Config c = config.getConfig(host);
        return c == null ? null : c.getValue(key);
    }

    private SshConnection connect(SshAddress address, SshOptions options, ConfigRepository config, SshConnection via) {
        JSch jsch = new JSch();
        if (config != null) jsch.setConfigRepository(config);

        Session session;
        HostKeyGuard guard;
        try {
            jsch.setKnownHosts(options.knownHosts().toString());
        } catch (JSchException e) {
            throw Problem.of(Problem.Kind.INPUT, "ssh.knownHosts.unreadable", options.knownHosts()).causedBy(e);
        }
        try {
            String user = userFor(address, config);
            session = address.port() > 0 ? jsch.getSession(user, address.host(), address.port()) : jsch.getSession(user, address.host());
        } catch (JSchException e) {
            throw Problem.of(Problem.Kind.INPUT, "ssh.address.invalid", address.display()).causedBy(e);
        }
        String where = session.getUserName() + "@" + session.getHost() + ":" + session.getPort();

        guard = new HostKeyGuard(jsch.getHostKeyRepository(), options.knownHosts(), options.trustedFingerprints(), prompter, session.getPort());
        session.setHostKeyRepository(guard);
        session.setConfig("StrictHostKeyChecking", "yes");
        preferKnownHostKeyTypes(session, guard, hostSpec(session.getHost(), session.getPort()));
        session.setConfig("PreferredAuthentications", options.allowPassword()
                ? "publickey,keyboard-interactive,password" : "publickey");
        session.setServerAliveCountMax(4);
        try {
            session.setServerAliveInterval(15_000);
        } catch (JSchException e) {
            throw Problem.of(Problem.Kind.INTERNAL, "ssh.failed", where, e.getMessage()).causedBy(e);
        }

        if (via != null) session.setProxy(new JumpProxy(via.session()));
        addIdentities(jsch, options);
        PasswordAsker passwords = new PasswordAsker(prompter, where, options.allowPassword());
        session.setUserInfo(passwords);

        try {
            session.connect((int) options.connectTimeout().toMillis());
            LOG.info("connected to {} (host key {} {}, {})", where, guard.presentedType(), guard.presentedFingerprint(), guard.verdict());
            return new SshConnection(session, new SshAddress(session.getUserName(), session.getHost(), session.getPort()),
                    guard.presentedFingerprint(), via);
        } catch (JSchException e) {
            session.disconnect();
            if (via != null && guard.verdict() == null && String.valueOf(e.getMessage()).contains("channel is not opened")) {
                throw Problem.of(Problem.Kind.CONNECTION, "ssh.jump.refused", via.address().display(), session.getHost(), session.getPort()).causedBy(e);
            }
            throw explain(e, guard, where, session);
        } finally {
            passwords.wipe();
        }
    }

    /** The user from the address, else the ssh config's User for that host, else the local user, as ssh does. */
    private static String userFor(SshAddress address, ConfigRepository config) {
        if (address.user() != null && !address.user().isEmpty()) return address.user();
        if (config != null) {
            ConfigRepository.Config c = config.getConfig(address.host());
            if (c != null && c.getUser() != null) return c.getUser();
        }
        return System.getProperty("user.name");
    }

    private static ConfigRepository loadConfig(SshOptions options) {
        if (options.sshConfig().isEmpty() || !Files.isRegularFile(options.sshConfig().get())) return null;
        Path p = options.sshConfig().get();
        try {
            return OpenSSHConfig.parseFile(p.toString());
        } catch (IOException | RuntimeException e) {
            throw Problem.of(Problem.Kind.INPUT, "ssh.config.unreadable", p).causedBy(e);
        }
    }

    private static void preferKnownHostKeyTypes(Session session, HostKeyGuard guard, String hostSpec) {
        List<String> known = guard.knownTypes(hostSpec);
        if (known.isEmpty()) return;
        LinkedHashSet<String> order = new LinkedHashSet<>();
        for (String t : known) {
            if (t.equals("ssh-rsa")) {
                order.add("rsa-sha2-512");
                order.add("rsa-sha2-256");
            }
            order.add(t);
        }
        for (String t : session.getConfig("server_host_key").split(",")) order.add(t);
        session.setConfig("server_host_key", String.join(",", order));
    }

    private void addIdentities(JSch jsch, SshOptions options) {
        if (options.useAgent() && System.getenv("SSH_AUTH_SOCK") != null && options.identity().isEmpty()) {
            try {
                jsch.setIdentityRepository(new AgentIdentityRepository(new SSHAgentConnector(new UnixDomainSocketFactory())));
            } catch (Exception | LinkageError e) {
                LOG.info("ssh-agent not usable: {}", e.toString());
            }
        }
        if (options.identity().isEmpty()) return;
        Path key = options.identity().get();
        if (!Files.isReadable(key)) throw Problem.of(Problem.Kind.INPUT, "ssh.identity.unreadable", key);
        KeyPair pair;
        try {
            pair = KeyPair.load(jsch, key.toString());
        } catch (JSchException e) {
            throw Problem.of(Problem.Kind.INPUT, "ssh.identity.invalid", key).causedBy(e);
        }
        try {
            if (!pair.isEncrypted()) {
                jsch.addIdentity(key.toString());
                return;
            }
            for (int attempt = 1; attempt <= PASSPHRASE_TRIES; attempt++) {
                byte[] pass = null;
                try (Secret s = ask(new SecretQuestion(SecretQuestion.Kind.KEY_PASSPHRASE, key.toString()))) {
                    pass = s.utf8();
                    if (pair.decrypt(pass)) {
                        jsch.addIdentity(key.toString(), pass);
                        return;
                    }
                } finally {
                    Secret.wipe(pass);
                }
            }
            throw Problem.of(Problem.Kind.AUTHENTICATION, "ssh.identity.wrongPassphrase", key);
        } catch (JSchException e) {
            throw Problem.of(Problem.Kind.INPUT, "ssh.identity.invalid", key).causedBy(e);
        } finally {
            pair.dispose();
        }
    }

    private Secret ask(SecretQuestion q) {
        try {
            Secret s = prompter.secret(q).join();
            if (s == null) throw Problem.of(Problem.Kind.CANCELLED, "prompt.cancelled");
            return s;
        } catch (CompletionException e) {
            if (e.getCause() instanceof Problem p) throw p;
            throw Problem.of(Problem.Kind.CANCELLED, "prompt.cancelled").causedBy(e.getCause());
        }
    }

    private static Problem explain(JSchException e, HostKeyGuard guard, String where, Session session) {
        HostKeyGuard.Verdict v = guard.verdict();
        String hostSpec = hostSpec(session.getHost(), session.getPort());
        if (v == HostKeyGuard.Verdict.CHANGED) {
            return Problem.of(Problem.Kind.HOST_KEY, "ssh.hostKey.changed", where, guard.presentedType(), guard.presentedFingerprint(),
                    String.join(", ", guard.knownFingerprints(hostSpec))).causedBy(e);
        }
        if (v == HostKeyGuard.Verdict.REVOKED || e instanceof JSchRevokedHostKeyException) {
            return Problem.of(Problem.Kind.HOST_KEY, "ssh.hostKey.revoked", where, guard.presentedType(), guard.presentedFingerprint()).causedBy(e);
        }
        if (v == HostKeyGuard.Verdict.REJECTED) {
            return Problem.of(Problem.Kind.HOST_KEY, "ssh.hostKey.rejected", where, guard.presentedFingerprint()).causedBy(e);
        }
        if (v == HostKeyGuard.Verdict.PROMPT_FAILED) {
            Problem p = guard.promptProblem();
            if (p != null) return p;
            if (!guard.otherKnownKeys().isEmpty()) {
                return Problem.of(Problem.Kind.HOST_KEY, "ssh.hostKey.otherTypes", where, guard.presentedType(), guard.presentedFingerprint(),
                        String.join(", ", guard.otherKnownKeys()), hostSpec).causedBy(e);
            }
            return Problem.of(Problem.Kind.HOST_KEY, "ssh.hostKey.unknown", where, guard.presentedFingerprint(), hostSpec).causedBy(e);
        }
        Throwable cause = e.getCause();
        if (cause instanceof Problem p) return p;
        if (cause instanceof UnknownHostException) {
            return Problem.of(Problem.Kind.CONNECTION, "ssh.unknownHost", session.getHost()).causedBy(e);
        }
        if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
            return Problem.of(Problem.Kind.CONNECTION, "ssh.refused", session.getHost(), session.getPort()).causedBy(e);
        }
        if (cause instanceof SocketTimeoutException || String.valueOf(e.getMessage()).contains("timeout")) {
            return Problem.of(Problem.Kind.CONNECTION, "ssh.timeout", session.getHost(), session.getPort()).causedBy(e);
        }
        String msg = String.valueOf(e.getMessage());
        if (msg.contains("Auth fail") || msg.contains("Auth cancel") || msg.contains("USERAUTH fail")) {
            return Problem.of(Problem.Kind.AUTHENTICATION, "ssh.authFailed", where).causedBy(e);
        }
        if (msg.contains("Connection closed by foreign host") || msg.contains("connection is closed") || msg.contains("invalid server's version")) {
            return Problem.of(Problem.Kind.CONNECTION, "ssh.closed", session.getHost(), session.getPort()).causedBy(e);
        }
        return Problem.of(Problem.Kind.CONNECTION, "ssh.failed", where).causedBy(e);
    }

    static String hostSpec(String host, int port) {
        return port == 22 ? host : "[" + host + "]:" + port;
    }

    /** Answers JSch's password and keyboard-interactive questions from the prompter; wipes what it held. */
    private final class PasswordAsker implements UserInfo, com.jcraft.jsch.UIKeyboardInteractive {
        private static final int PASSWORD_TRIES = 3;
        private final Prompter prompter;
        private final String where;
        private final boolean allowed;
        private final List<Secret> given = new ArrayList<>();
        private Secret current;

        PasswordAsker(Prompter prompter, String where, boolean allowed) {
            this.prompter = prompter;
            this.where = where;
            this.allowed = allowed;
        }

        @Override
        public boolean promptPassword(String message) {
            // Three tries, as ssh gives: then the login is refused rather than asked for again and again.
            if (!allowed || given.size() >= PASSWORD_TRIES) return false;
            current = ask(new SecretQuestion(SecretQuestion.Kind.LOGIN_PASSWORD, where));
            given.add(current);
            return true;
        }

        @Override
        public String getPassword() {
            // JSch's UserInfo API is String-based; the String lives only as long as this call's caller.
            return current == null ? null : new String(current.chars());
        }

        @Override
        public String[] promptKeyboardInteractive(String destination, String name, String instruction, String[] prompt, boolean[] echo) {
            if (!allowed || prompt.length != 1 || echo[0]) return null;
            if (!promptPassword(prompt[0])) return null;
            return new String[] {getPassword()};
        }

        @Override
        public String getPassphrase() {
            return null;
        }

        @Override
        public boolean promptPassphrase(String message) {
            return false;
        }

        @Override
        public boolean promptYesNo(String message) {
            return false; // host keys are decided by HostKeyGuard, never here
        }

        @Override
        public void showMessage(String message) {
            LOG.info("server message for {}: {}", where, message);
        }

        void wipe() {
            given.forEach(Secret::close);
            given.clear();
            current = null;
        }
    }

}
