package io.sgmigrate.support;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.KeyPair;
import io.sgmigrate.engine.ssh.Fingerprints;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;

/**
 * A real SSH server on loopback (Apache MINA SSHD) for fast tests: its own EC host key, one user that logs in
 * with a freshly made key, and commands run by {@code /bin/sh -c} on this machine, as sshd does.
 */
public final class EmbeddedSshServer implements AutoCloseable {
    public static final String USER = "tester";
    private final SshServer server;
    private final Path dir;
    private final java.security.KeyPair hostKey;
    private final Set<String> authorizedFingerprints = ConcurrentHashMap.newKeySet();
    public final Path clientKey;
    public final Path encryptedClientKey;
    public static final String PASSPHRASE = "correct horse battery staple";
    /** Where clients asked this server to open connections (direct-tcpip, as a jump host), as host:port. */
    public final java.util.List<String> forwarded = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** The login shell commands run with ({@code SHELL -c COMMAND}), as sshd uses the user's shell from passwd. */
    public volatile String loginShell = "/bin/sh";
    /** Whether this server, as a jump host, opens connections onward (AllowTcpForwarding). */
    public volatile boolean allowForwarding = true;

    private EmbeddedSshServer(Path dir) throws Exception {
        this.dir = dir;
        this.hostKey = newEcKeyPair();
        this.clientKey = dir.resolve("id_ecdsa");
        this.encryptedClientKey = dir.resolve("id_ecdsa_enc");
        JSch jsch = new JSch();
        writeClientKey(jsch, clientKey, null);
        writeClientKey(jsch, encryptedClientKey, PASSPHRASE);
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPublickeyAuthenticator((user, key, session) ->
                USER.equals(user) && authorizedFingerprints.contains(KeyUtils.getFingerPrint(key)));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setCommandFactory((channel, command) -> new ProcessCommand(loginShell, command));
        server.setForwardingFilter(new org.apache.sshd.server.forward.StaticDecisionForwardingFilter(true) {
            @Override
            protected boolean checkAcceptance(String request, org.apache.sshd.common.session.Session session,
                                              org.apache.sshd.common.util.net.SshdSocketAddress target) {
                forwarded.add(target.getHostName() + ":" + target.getPort());
                return allowForwarding;
            }
        });
        server.start();
    }

    public static EmbeddedSshServer start(Path dir) throws Exception {
        return new EmbeddedSshServer(dir);
    }

    public int port() {
        return server.getPort();
    }

    public String address() {
        return "ssh://" + USER + "@127.0.0.1:" + port();
    }

    /** The server's host key as {@code SHA256:...}, as ssh-keygen -l prints it. */
    public String hostKeyFingerprint() {
        return KeyUtils.getFingerPrint(hostKey.getPublic());
    }

    /** Client options that log in with {@code key} and trust only {@code knownHosts}: no agent, no password, no ssh config. */
    public static io.sgmigrate.engine.ssh.SshOptions options(Path knownHosts, Path key) {
        return io.sgmigrate.engine.ssh.SshOptions.defaults().withKnownHosts(knownHosts).withIdentity(key).withAgent(false)
                .withPasswordAllowed(false).withSshConfig(null).withConnectTimeout(java.time.Duration.ofSeconds(5));
    }

    /** A known_hosts file that holds this server's real key. */
    public Path knownHosts() throws Exception {
        Path p = dir.resolve("known_hosts");
        Files.writeString(p, "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(hostKey.getPublic()) + "\n");
        return p;
    }

    /** A known_hosts file that records a different key for this server, as after a reinstall or an attack. */
    public Path knownHostsWithChangedKey() throws Exception {
        Path p = dir.resolve("known_hosts_changed");
        Files.writeString(p, "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(newEcKeyPair().getPublic()) + "\n");
        return p;
    }

    /** The name known_hosts gives this server: {@code [127.0.0.1]:PORT}. */
    public String hostSpec() {
        return "[127.0.0.1]:" + port();
    }

    /** This server's key as known_hosts writes it after the host name: {@code TYPE BASE64}. */
    public String hostKeyEntry() {
        return PublicKeyEntry.toString(hostKey.getPublic());
    }

    /** A known_hosts file that knows this server only by an RSA key, while the server presents its EC key. */
    public Path knownHostsWithOtherTypeOnly() throws Exception {
        Path p = dir.resolve("known_hosts_other_type");
        Files.writeString(p, hostSpec() + " " + randomKeyEntry("RSA") + "\n");
        return p;
    }

    /** A known_hosts file that holds this server's real key, and marks that same key {@code @revoked}. */
    public Path knownHostsWithRevokedKey() throws Exception {
        Path p = dir.resolve("known_hosts_revoked");
        Files.writeString(p, hostSpec() + " " + hostKeyEntry() + "\n@revoked " + hostSpec() + " " + hostKeyEntry() + "\n");
        return p;
    }

    /** A fresh public key as {@code TYPE BASE64}; {@code algorithm} is "RSA" or "EC". */
    public static String randomKeyEntry(String algorithm) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
        if (algorithm.equals("EC")) g.initialize(new ECGenParameterSpec("secp256r1"));
        else g.initialize(2048);
        return PublicKeyEntry.toString(g.generateKeyPair().getPublic());
    }

    public Path emptyKnownHosts() throws Exception {
        Path p = dir.resolve("known_hosts_empty");
        Files.writeString(p, "");
        return p;
    }

    /** Lets the holder of another private key (e.g. another test server's client key) log in too. */
    public void authorize(Path privateKey) throws Exception {
        KeyPair kp = KeyPair.load(new JSch(), privateKey.toString());
        authorizedFingerprints.add(Fingerprints.sha256(kp.getPublicKeyBlob()));
        kp.dispose();
    }

    /** A key the server does not accept. */
    public Path strangerKey() throws Exception {
        Path p = dir.resolve("id_stranger");
        KeyPair kp = KeyPair.genKeyPair(new JSch(), KeyPair.ECDSA, 256);
        try (var out = Files.newOutputStream(p)) {
            kp.writePrivateKey(out);
        }
        kp.dispose();
        return p;
    }

    private void writeClientKey(JSch jsch, Path file, String passphrase) throws Exception {
        KeyPair kp = KeyPair.genKeyPair(jsch, KeyPair.ECDSA, 256);
        try (var out = Files.newOutputStream(file)) {
            if (passphrase == null) kp.writePrivateKey(out);
            else kp.writePrivateKey(out, passphrase.getBytes(StandardCharsets.UTF_8));
        }
        authorizedFingerprints.add(Fingerprints.sha256(kp.getPublicKeyBlob()));
        kp.dispose();
    }

    private static java.security.KeyPair newEcKeyPair() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    @Override
    public void close() throws Exception {
        server.stop(true);
    }

}
