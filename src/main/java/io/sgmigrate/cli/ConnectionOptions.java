package io.sgmigrate.cli;

import io.sgmigrate.engine.ssh.SshOptions;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The SSH flags every command that connects shares. */
final class ConnectionOptions {
    @Option(names = "--identity", paramLabel = "FILE", description = "Private key file (default: ssh-agent and the keys ~/.ssh/config names).")
    Path identity;

    @Option(names = "--known-hosts", paramLabel = "FILE", description = "known_hosts file host keys are checked against (default: ~/.ssh/known_hosts).")
    Path knownHosts;

    @Option(names = "--ssh-config", paramLabel = "FILE", description = "OpenSSH client config whose Host entries apply (default: ~/.ssh/config).")
    Path sshConfig;

    @Option(names = "--accept-fingerprint", paramLabel = "HOST=SHA256:...",
            description = {"Trust HOST's key, if it is not in known_hosts, when it has this fingerprint (checked out of band);"
                    + " repeat it for each host. Write HOST as known_hosts does: host, or [host]:port for a port other than 22.",
                    "A bare SHA256:... (no HOST=) is still accepted but trusts that key on every host, jump hosts included."})
    java.util.List<String> acceptFingerprints = new java.util.ArrayList<>();

    @Option(names = "--no-agent", description = "Do not offer keys from ssh-agent.")
    boolean noAgent;

    @Option(names = "--no-password", description = "Never ask for a login password.")
    boolean noPassword;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", defaultValue = "20", description = "How long to wait for a host to answer (default: ${DEFAULT-VALUE}).")
    int connectTimeoutSeconds;

    /** The key file and known_hosts given (paths, never a secret), for a journal: later looks at the same host use them. */
    java.util.Map<String, String> recorded() {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        if (identity != null) m.put("identity", identity.toAbsolutePath().toString());
        if (knownHosts != null) m.put("knownHosts", knownHosts.toAbsolutePath().toString());
        return m;
    }

    SshOptions toSshOptions() {
        SshOptions o = SshOptions.defaults()
                .withAgent(!noAgent)
                .withPasswordAllowed(!noPassword)
                .withConnectTimeout(Duration.ofSeconds(Math.max(1, connectTimeoutSeconds)));
        if (identity != null) o = o.withIdentity(identity);
        if (knownHosts != null) o = o.withKnownHosts(knownHosts);
        if (sshConfig != null) o = o.withSshConfig(sshConfig);
        for (String fp : acceptFingerprints) o = o.withTrustedFingerprint(fp.strip());
        return o;
    }
}
