package io.sgmigrate.engine.ssh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How to log in and whom to trust. Nothing here is secret: passphrases and passwords are asked through
 * the {@link io.sgmigrate.engine.prompt.Prompter} when they are needed, and wiped after use.
 *
 * @param identity private key file, or empty to use the agent and ssh config's IdentityFile
 * @param knownHosts the known_hosts file host keys are checked against
 * @param trustedFingerprint a {@code SHA256:...} fingerprint the user vouched for (e.g. on the command line)
 * @param sshConfig an OpenSSH client config file whose Host entries apply, or empty
 * @param useAgent whether to offer keys from ssh-agent ({@code SSH_AUTH_SOCK})
 * @param allowPassword whether to ask for a login password when keys fail
 */
public record SshOptions(
        Optional<Path> identity,
        Path knownHosts,
        Optional<String> trustedFingerprint,
        Optional<Path> sshConfig,
        boolean useAgent,
        boolean allowPassword,
        Duration connectTimeout) {

    public static Path defaultKnownHosts() {
        return Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
    }

    public static Optional<Path> defaultSshConfig() {
        Path p = Path.of(System.getProperty("user.home"), ".ssh", "config");
        return Optional.of(p);
    }

    public static SshOptions defaults() {
        return new SshOptions(Optional.empty(), defaultKnownHosts(), Optional.empty(), defaultSshConfig(), true, true,
                Duration.ofSeconds(20));
    }

    public SshOptions withIdentity(Path p) {
        return new SshOptions(Optional.ofNullable(p), knownHosts, trustedFingerprint, sshConfig, useAgent, allowPassword, connectTimeout);
    }

    public SshOptions withKnownHosts(Path p) {
        return new SshOptions(identity, p, trustedFingerprint, sshConfig, useAgent, allowPassword, connectTimeout);
    }

    public SshOptions withTrustedFingerprint(String fp) {
        return new SshOptions(identity, knownHosts, Optional.ofNullable(fp), sshConfig, useAgent, allowPassword, connectTimeout);
    }

    public SshOptions withSshConfig(Path p) {
        return new SshOptions(identity, knownHosts, trustedFingerprint, Optional.ofNullable(p), useAgent, allowPassword, connectTimeout);
    }

    public SshOptions withAgent(boolean on) {
        return new SshOptions(identity, knownHosts, trustedFingerprint, sshConfig, on, allowPassword, connectTimeout);
    }

    public SshOptions withPasswordAllowed(boolean on) {
        return new SshOptions(identity, knownHosts, trustedFingerprint, sshConfig, useAgent, on, connectTimeout);
    }

    public SshOptions withConnectTimeout(Duration d) {
        return new SshOptions(identity, knownHosts, trustedFingerprint, sshConfig, useAgent, allowPassword, d);
    }
}
