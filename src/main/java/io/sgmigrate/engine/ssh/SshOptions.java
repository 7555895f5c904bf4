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
 * @param trustedFingerprints fingerprints the user vouched for (e.g. on the command line), as {@link TrustedFingerprint#parse}
 *     reads them: {@code HOST=SHA256:...} for one host, or a bare {@code SHA256:...} that any host may present
 * @param sshConfig an OpenSSH client config file whose Host entries apply, or empty
 * @param useAgent whether to offer keys from ssh-agent ({@code SSH_AUTH_SOCK})
 * @param allowPassword whether to ask for a login password when keys fail
 */
public record SshOptions(
        Optional<Path> identity,
        Path knownHosts,
        java.util.Set<String> trustedFingerprints,
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
        return new SshOptions(Optional.empty(), defaultKnownHosts(), java.util.Set.of(), defaultSshConfig(), true, true,
                Duration.ofSeconds(20));
    }

    public SshOptions withIdentity(Path p) {
        return new SshOptions(Optional.ofNullable(p), knownHosts, trustedFingerprints, sshConfig, useAgent, allowPassword, connectTimeout);
    }

    public SshOptions withKnownHosts(Path p) {
        return new SshOptions(identity, p, trustedFingerprints, sshConfig, useAgent, allowPassword, connectTimeout);
    }

    /**
     * Adds a fingerprint the user vouched for: a host whose key is not in known_hosts is trusted if it presents it.
     * {@code HOST=SHA256:...} binds it to that host (as known_hosts names it: {@code host} or {@code [host]:port});
     * a bare {@code SHA256:...} is still taken, for compatibility, and applies to every host, jump hosts included.
     *
     * @throws io.sgmigrate.engine.Problem (INPUT) when the text is neither form
     */
    public SshOptions withTrustedFingerprint(String fp) {
        TrustedFingerprint.parse(fp);
        java.util.Set<String> all = new java.util.LinkedHashSet<>(trustedFingerprints);
        all.add(fp.strip());
        return new SshOptions(identity, knownHosts, java.util.Set.copyOf(all), sshConfig, useAgent, allowPassword, connectTimeout);
    }

    public SshOptions withSshConfig(Path p) {
        return new SshOptions(identity, knownHosts, trustedFingerprints, Optional.ofNullable(p), useAgent, allowPassword, connectTimeout);
    }

    public SshOptions withAgent(boolean on) {
        return new SshOptions(identity, knownHosts, trustedFingerprints, sshConfig, on, allowPassword, connectTimeout);
    }

    public SshOptions withPasswordAllowed(boolean on) {
        return new SshOptions(identity, knownHosts, trustedFingerprints, sshConfig, useAgent, on, connectTimeout);
    }

    public SshOptions withConnectTimeout(Duration d) {
        return new SshOptions(identity, knownHosts, trustedFingerprints, sshConfig, useAgent, allowPassword, d);
    }
}
