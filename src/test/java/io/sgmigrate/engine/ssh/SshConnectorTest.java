package io.sgmigrate.engine.ssh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.prompt.HostKeyDecision;
import io.sgmigrate.engine.secret.Secret;
import io.sgmigrate.engine.shell.RemoteCommand;
import io.sgmigrate.support.EmbeddedSshCase;
import io.sgmigrate.support.EmbeddedSshServer;
import io.sgmigrate.support.ScriptedPrompter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Logins, host key checks and command streams against a real SSH server on loopback. */
class SshConnectorTest extends EmbeddedSshCase {
    private static SshOptions options(Path knownHosts, Path key) {
        return EmbeddedSshServer.options(knownHosts, key);
    }

    private static SshAddress address() {
        return SshAddress.parse(server.address());
    }

    @Test
    void aKnownHostConnectsWithoutAQuestionAndRunsCommands() throws Exception {
        ScriptedPrompter prompter = new ScriptedPrompter(HostKeyDecision.REJECT);
        try (SshConnection c = new SshConnector(prompter).connect(address(), options(server.knownHosts(), server.clientKey))) {
            assertEquals(server.hostKeyFingerprint(), c.hostKeyFingerprint());
            ExecResult r = c.run(RemoteCommand.of("printf", "%s|", "two words", "it's"));
            assertEquals(0, r.exitCode());
            assertEquals("two words|it's|", r.stdout());
            ExecResult fail = c.run(RemoteCommand.of("sh", "-c", "echo oops >&2; exit 3"));
            assertEquals(3, fail.exitCode());
            assertEquals("oops", fail.stderr().strip());
            Problem p = assertThrows(Problem.class, () -> c.runChecked(RemoteCommand.of("sh", "-c", "echo bad >&2; exit 4")));
            assertEquals(Problem.Kind.REMOTE_COMMAND, p.kind());
            assertTrue(p.what().contains("exit code 4"), p.what());
            assertEquals("bad", p.detail());
        }
        assertTrue(prompter.hostKeyQuestions.isEmpty());
    }

    @Test
    void streamsBinaryDataBothWaysUnchanged() throws Exception {
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        new Random(42).nextBytes(data);
        try (SshConnection c = new SshConnector(new ScriptedPrompter(HostKeyDecision.REJECT))
                .connect(address(), options(server.knownHosts(), server.clientKey))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            SshConnection.StreamResult r = c.stream(RemoteCommand.of("cat"), new ByteArrayInputStream(data), out);
            assertEquals(0, r.exitCode());
            assertArrayEquals(sha256(data), sha256(out.toByteArray()));
        }
    }

    @Test
    void anUnknownHostKeyIsShownWithItsFingerprintAndRejectionStops() throws Exception {
        ScriptedPrompter prompter = new ScriptedPrompter(HostKeyDecision.REJECT);
        Problem p = assertThrows(Problem.class,
                () -> new SshConnector(prompter).connect(address(), options(server.emptyKnownHosts(), server.clientKey)));
        assertEquals(Problem.Kind.HOST_KEY, p.kind());
        assertEquals(1, prompter.hostKeyQuestions.size());
        assertEquals(server.hostKeyFingerprint(), prompter.hostKeyQuestions.get(0).sha256Fingerprint());
        assertEquals(server.port(), prompter.hostKeyQuestions.get(0).port());
        assertTrue(p.what().contains(server.hostKeyFingerprint()), p.what());
    }

    @Test
    void anUnknownHostKeyAcceptedAndRememberedIsKnownNextTime() throws Exception {
        Path kh = server.emptyKnownHosts();
        ScriptedPrompter yes = new ScriptedPrompter(HostKeyDecision.ACCEPT_AND_REMEMBER);
        try (SshConnection c = new SshConnector(yes).connect(address(), options(kh, server.clientKey))) {
            assertTrue(c.isConnected());
        }
        assertTrue(Files.readString(kh).startsWith("[127.0.0.1]:" + server.port() + " ecdsa-sha2-nistp256 "));
        ScriptedPrompter no = new ScriptedPrompter(HostKeyDecision.REJECT);
        try (SshConnection c = new SshConnector(no).connect(address(), options(kh, server.clientKey))) {
            assertTrue(c.isConnected());
        }
        assertTrue(no.hostKeyQuestions.isEmpty());
    }

    @Test
    void aFingerprintGivenInAdvanceIsTrustedAndAWrongOneIsNot() throws Exception {
        ScriptedPrompter noQuestions = new ScriptedPrompter(HostKeyDecision.REJECT);
        SshOptions right = options(server.emptyKnownHosts(), server.clientKey).withTrustedFingerprint(server.hostKeyFingerprint());
        try (SshConnection c = new SshConnector(noQuestions).connect(address(), right)) {
            assertTrue(c.isConnected());
        }
        assertTrue(noQuestions.hostKeyQuestions.isEmpty());
        SshOptions wrong = options(server.emptyKnownHosts(), server.clientKey)
                .withTrustedFingerprint("SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        assertThrows(Problem.class, () -> new SshConnector(noQuestions).connect(address(), wrong));
        assertEquals(1, noQuestions.hostKeyQuestions.size(), "a wrong fingerprint falls back to asking, and the answer was no");
    }

    @Test
    void aChangedHostKeyIsAHardStopAndNeverAQuestion() throws Exception {
        ScriptedPrompter wouldAccept = new ScriptedPrompter(HostKeyDecision.ACCEPT_ONCE);
        SshOptions o = options(server.knownHostsWithChangedKey(), server.clientKey).withTrustedFingerprint(server.hostKeyFingerprint());
        Problem p = assertThrows(Problem.class, () -> new SshConnector(wouldAccept).connect(address(), o));
        assertEquals(Problem.Kind.HOST_KEY, p.kind());
        assertTrue(p.what().contains("CHANGED"), p.what());
        assertTrue(p.what().contains(server.hostKeyFingerprint()), p.what());
        assertTrue(wouldAccept.hostKeyQuestions.isEmpty());
    }

    @Test
    void aFingerprintBoundToAHostTrustsThatHostOnly() throws Exception {
        String fp = server.hostKeyFingerprint();
        ScriptedPrompter noQuestions = new ScriptedPrompter(HostKeyDecision.REJECT);
        SshOptions bound = options(server.emptyKnownHosts(), server.clientKey).withTrustedFingerprint(server.hostSpec() + "=" + fp);
        try (SshConnection c = new SshConnector(noQuestions).connect(address(), bound)) {
            assertTrue(c.isConnected());
        }
        assertTrue(noQuestions.hostKeyQuestions.isEmpty());

        // The same fingerprint bound to another name, another port, or the port-22 form, does not let this host in.
        for (String other : new String[] {"old-host", "[127.0.0.1]:1", "127.0.0.1", "[127.0.0.2]:" + server.port()}) {
            ScriptedPrompter asked = new ScriptedPrompter(HostKeyDecision.REJECT);
            SshOptions o = options(server.emptyKnownHosts(), server.clientKey).withTrustedFingerprint(other + "=" + fp);
            Problem p = assertThrows(Problem.class, () -> new SshConnector(asked).connect(address(), o), other);
            assertEquals(Problem.Kind.HOST_KEY, p.kind());
            assertEquals(1, asked.hostKeyQuestions.size(), other + " is another host: its fingerprint does not count here");
        }
    }

    @Test
    void aFingerprintBoundToOneHostDoesNotLetAnotherHostIn() throws Exception {
        try (EmbeddedSshServer b = EmbeddedSshServer.start(Files.createDirectories(dir.resolve("host-b")))) {
            b.authorize(server.clientKey);
            Path none = server.emptyKnownHosts();
            SshOptions o = options(none, server.clientKey)
                    .withTrustedFingerprint(server.hostSpec() + "=" + server.hostKeyFingerprint())
                    .withTrustedFingerprint(server.hostSpec() + "=" + b.hostKeyFingerprint());
            try (SshConnection c = new SshConnector(new ScriptedPrompter(HostKeyDecision.REJECT)).connect(address(), o)) {
                assertTrue(c.isConnected());
            }
            Problem p = assertThrows(Problem.class, () -> new SshConnector(io.sgmigrate.cli.TerminalPrompter.unattended())
                    .connect(SshAddress.parse(b.address()), o));
            assertEquals(Problem.Kind.HOST_KEY, p.kind());
            assertTrue(p.next().contains("--accept-fingerprint " + b.hostSpec() + "=" + b.hostKeyFingerprint()), p.next());
            // The older bare form still applies to any host.
            SshOptions bare = options(none, server.clientKey).withTrustedFingerprint(b.hostKeyFingerprint());
            try (SshConnection c = new SshConnector(io.sgmigrate.cli.TerminalPrompter.unattended()).connect(SshAddress.parse(b.address()), bare)) {
                assertEquals(b.hostKeyFingerprint(), c.hostKeyFingerprint());
            }
        }
    }

    @Test
    void aFingerprintThatIsNeitherFormIsRefusedAsInput() {
        SshOptions o = options(dir.resolve("kh"), server.clientKey);
        for (String bad : new String[] {"host=", "=SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "SHA256:short", "host=MD5:aa:bb", "a b=SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}) {
            Problem p = assertThrows(Problem.class, () -> o.withTrustedFingerprint(bad), bad);
            assertEquals(Problem.Kind.INPUT, p.kind());
        }
        TrustedFingerprint t = TrustedFingerprint.parse(" [Old-Host]:22=sha256:" + "A".repeat(43) + "= ");
        assertEquals("old-host", t.hostSpec());
        assertTrue(t.vouchesFor("OLD-HOST", "SHA256:" + "A".repeat(43)));
        assertFalse(t.vouchesFor("[old-host]:2222", "SHA256:" + "A".repeat(43)));
        assertTrue(TrustedFingerprint.parse("SHA256:" + "A".repeat(43)).anyHost());
    }

    @Test
    void keysOfAnotherTypeInKnownHostsAreSaidPlainlyAndAnUnattendedRunStillRefuses() throws Exception {
        Path kh = server.knownHostsWithOtherTypeOnly();
        ScriptedPrompter prompter = new ScriptedPrompter(HostKeyDecision.REJECT);
        assertThrows(Problem.class, () -> new SshConnector(prompter).connect(address(), options(kh, server.clientKey)));
        assertEquals(1, prompter.hostKeyQuestions.size());
        var q = prompter.hostKeyQuestions.get(0);
        assertEquals(1, q.otherKnownKeys().size(), q.otherKnownKeys().toString());
        assertTrue(q.otherKnownKeys().get(0).startsWith("ssh-rsa SHA256:"), q.otherKnownKeys().toString());
        String warning = q.otherKeysWarning().orElseThrow();
        assertTrue(warning.contains("ssh-rsa SHA256:") && warning.contains(server.hostKeyFingerprint())
                && warning.contains("reinstalled") && warning.contains("intercepting"), warning);

        Problem p = assertThrows(Problem.class,
                () -> new SshConnector(io.sgmigrate.cli.TerminalPrompter.unattended()).connect(address(), options(kh, server.clientKey)));
        assertEquals(Problem.Kind.HOST_KEY, p.kind());
        assertTrue(p.what().contains("other keys") && p.what().contains("ssh-rsa SHA256:") && p.what().contains("intercepting"), p.what());
        assertTrue(p.what().contains(server.hostKeyFingerprint()), p.what());
        assertTrue(p.next().startsWith("Nothing was sent."), p.next());

        // A host that known_hosts does not know at all gets no such warning.
        ScriptedPrompter fresh = new ScriptedPrompter(HostKeyDecision.REJECT);
        assertThrows(Problem.class, () -> new SshConnector(fresh).connect(address(), options(server.emptyKnownHosts(), server.clientKey)));
        assertTrue(fresh.hostKeyQuestions.get(0).otherKeysWarning().isEmpty());
    }

    @Test
    void aRevokedKeyHasItsOwnProblemAndNothingCanAcceptIt() throws Exception {
        ScriptedPrompter wouldAccept = new ScriptedPrompter(HostKeyDecision.ACCEPT_ONCE);
        SshOptions o = options(server.knownHostsWithRevokedKey(), server.clientKey)
                .withTrustedFingerprint(server.hostSpec() + "=" + server.hostKeyFingerprint());
        Problem p = assertThrows(Problem.class, () -> new SshConnector(wouldAccept).connect(address(), o));
        assertEquals(Problem.Kind.HOST_KEY, p.kind());
        assertTrue(p.what().contains("@revoked") && p.what().contains(server.hostKeyFingerprint()), p.what());
        assertTrue(p.next().contains("stolen"), p.next());
        assertTrue(wouldAccept.hostKeyQuestions.isEmpty());

        Path revokedOnly = dir.resolve("known_hosts_revoked_only");
        Files.writeString(revokedOnly, "@revoked " + server.hostSpec() + " " + server.hostKeyEntry() + "\n");
        Problem q = assertThrows(Problem.class, () -> new SshConnector(wouldAccept).connect(address(), options(revokedOnly, server.clientKey)
                .withTrustedFingerprint(server.hostKeyFingerprint())));
        assertTrue(q.what().contains("@revoked"), q.what());
        assertTrue(wouldAccept.hostKeyQuestions.isEmpty());
    }

    @Test
    void rememberingAddsTheMissingNewlineFirst() throws Exception {
        Path kh = dir.resolve("known_hosts_no_newline");
        String other = "other-host " + EmbeddedSshServer.randomKeyEntry("EC");
        Files.writeString(kh, other);
        try (SshConnection c = new SshConnector(new ScriptedPrompter(HostKeyDecision.ACCEPT_AND_REMEMBER)).connect(address(), options(kh, server.clientKey))) {
            assertTrue(c.isConnected());
        }
        java.util.List<String> lines = Files.readAllLines(kh);
        assertEquals(java.util.List.of(other, server.hostSpec() + " " + server.hostKeyEntry()), lines);
        assertKnownWithoutAQuestion(kh);
    }

    @Test
    void rememberingCreatesThePrivateFolderAndFile() throws Exception {
        Path ssh = dir.resolve("fresh-home").resolve(".ssh");
        Path kh = ssh.resolve("known_hosts");
        try (SshConnection c = new SshConnector(new ScriptedPrompter(HostKeyDecision.ACCEPT_AND_REMEMBER)).connect(address(), options(kh, server.clientKey))) {
            assertTrue(c.isConnected());
        }
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(ssh)));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(kh)));
        assertKnownWithoutAQuestion(kh);
    }

    @Test
    void rememberingHashesTheHostWhenTheFileIsHashed() throws Exception {
        Path kh = dir.resolve("known_hosts_hashed");
        String other = hashedName("other-host") + " " + EmbeddedSshServer.randomKeyEntry("EC") + "\n";
        Files.writeString(kh, other);
        try (SshConnection c = new SshConnector(new ScriptedPrompter(HostKeyDecision.ACCEPT_AND_REMEMBER)).connect(address(), options(kh, server.clientKey))) {
            assertTrue(c.isConnected());
        }
        String content = Files.readString(kh);
        assertTrue(content.startsWith(other), content);
        assertFalse(content.contains("127.0.0.1"), content);
        String added = content.substring(other.length()).strip();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\|1\\|([^|]+)\\|(\\S+) (.+)").matcher(added);
        assertTrue(m.matches(), added);
        assertEquals(server.hostKeyEntry(), m.group(3));
        byte[] salt = java.util.Base64.getDecoder().decode(m.group(1));
        assertEquals(m.group(2), java.util.Base64.getEncoder().encodeToString(hmacSha1(salt, server.hostSpec())));
        assertKnownWithoutAQuestion(kh);
    }

    @Test
    void rememberingWaitsForAnotherProgramsLockOnTheFile() throws Exception {
        Path kh = dir.resolve("known_hosts_locked");
        Files.writeString(kh, "");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process holder = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), io.sgmigrate.support.HoldFileLock.class.getName(),
                kh.toString(), "1500", "# written while locked").redirectErrorStream(true).start();
        try {
            var out = new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
            assertEquals("locked", out.readLine());
            try (SshConnection c = new SshConnector(new ScriptedPrompter(HostKeyDecision.ACCEPT_AND_REMEMBER)).connect(address(), options(kh, server.clientKey))) {
                assertTrue(c.isConnected());
            }
            assertTrue(holder.waitFor(20, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(0, holder.exitValue());
        } finally {
            holder.destroyForcibly();
        }
        assertEquals(java.util.List.of("# written while locked", server.hostSpec() + " " + server.hostKeyEntry()), Files.readAllLines(kh),
                "the entry was appended after the other program let go of the file");
    }

    private static void assertKnownWithoutAQuestion(Path kh) throws Exception {
        ScriptedPrompter no = new ScriptedPrompter(HostKeyDecision.REJECT);
        try (SshConnection c = new SshConnector(no).connect(address(), options(kh, server.clientKey))) {
            assertTrue(c.isConnected());
        }
        assertTrue(no.hostKeyQuestions.isEmpty(), "the remembered key is known next time");
    }

    private static String hashedName(String host) throws Exception {
        byte[] salt = new byte[20];
        new Random(7).nextBytes(salt);
        java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
        return "|1|" + b64.encodeToString(salt) + "|" + b64.encodeToString(hmacSha1(salt, host));
    }

    private static byte[] hmacSha1(byte[] key, String text) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
        mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA1"));
        return mac.doFinal(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void aKeyTheServerDoesNotKnowIsRefusedLogin() throws Exception {
        Problem p = assertThrows(Problem.class, () -> new SshConnector(new ScriptedPrompter(HostKeyDecision.REJECT))
                .connect(address(), options(server.knownHosts(), server.strangerKey())));
        assertEquals(Problem.Kind.AUTHENTICATION, p.kind());
        assertTrue(p.what().contains("tester@127.0.0.1:" + server.port()), p.what());
    }

    @Test
    void anEncryptedKeyAsksForItsPassphraseAndWipesEveryAnswer() throws Exception {
        ScriptedPrompter prompter = new ScriptedPrompter(HostKeyDecision.REJECT, "wrong", EmbeddedSshServer.PASSPHRASE);
        try (SshConnection c = new SshConnector(prompter).connect(address(), options(server.knownHosts(), server.encryptedClientKey))) {
            assertTrue(c.isConnected());
        }
        assertEquals(2, prompter.secretQuestions.size());
        assertTrue(prompter.handedOut.stream().allMatch(Secret::isWiped));
    }

    @Test
    void threeWrongPassphrasesStopWithAClearProblem() throws Exception {
        ScriptedPrompter prompter = new ScriptedPrompter(HostKeyDecision.REJECT, "a", "b", "c");
        Problem p = assertThrows(Problem.class, () -> new SshConnector(prompter)
                .connect(address(), options(server.knownHosts(), server.encryptedClientKey)));
        assertEquals(Problem.Kind.AUTHENTICATION, p.kind());
        assertTrue(p.what().contains("passphrase"), p.what());
        assertTrue(prompter.handedOut.stream().allMatch(Secret::isWiped));
    }

    @Test
    void aClosedPortIsRefusedClearly() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        int closed = port;
        Problem p = assertThrows(Problem.class, () -> new SshConnector(new ScriptedPrompter(HostKeyDecision.REJECT))
                .connect(new SshAddress("tester", "127.0.0.1", closed), options(server.knownHosts(), server.clientKey)));
        assertEquals(Problem.Kind.CONNECTION, p.kind());
        assertEquals("Nothing accepts SSH connections on 127.0.0.1 port " + closed + ".", p.what());
    }

    @Test
    void anUnknownHostNameIsNamed() throws Exception {
        Problem p = assertThrows(Problem.class, () -> new SshConnector(new ScriptedPrompter(HostKeyDecision.REJECT))
                .connect(new SshAddress("u", "no-such-host.invalid", 22), options(server.knownHosts(), server.clientKey)));
        assertEquals(Problem.Kind.CONNECTION, p.kind());
        assertTrue(p.what().contains("no-such-host.invalid"), p.what());
    }

    @Test
    void aMissingKeyFileIsAnInputProblem() throws Exception {
        Problem p = assertThrows(Problem.class, () -> new SshConnector(new ScriptedPrompter(HostKeyDecision.REJECT))
                .connect(address(), options(server.knownHosts(), dir.resolve("nope"))));
        assertEquals(Problem.Kind.INPUT, p.kind());
        assertFalse(p.oneLine().isBlank());
    }

    private static byte[] sha256(byte[] b) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(b);
    }


    @Test
    void aProxyJumpFromSshConfigReachesTheHostThroughTheJumpHostAndChecksTheDestinationsOwnKey() throws Exception {
        try (EmbeddedSshServer jump = EmbeddedSshServer.start(Files.createDirectories(dir.resolve("jump")))) {
            Path config = dir.resolve("ssh_config");
            Files.writeString(config, "Host behind\n  HostName 127.0.0.1\n  Port " + server.port() + "\n  User " + EmbeddedSshServer.USER
                    + "\n  ProxyJump bastion\n\nHost bastion\n  HostName 127.0.0.1\n  Port " + jump.port() + "\n  User " + EmbeddedSshServer.USER + "\n");
            Path known = dir.resolve("known_hosts_both");
            Files.writeString(known, Files.readString(server.knownHosts()) + Files.readString(jump.knownHosts()));
            // The jump host accepts the destination's key file too: the same user and key on both, as is common.
            Path key = server.clientKey;
            SshOptions o = options(known, key).withSshConfig(config);
            assertThrows(Problem.class, () -> new SshConnector(new ScriptedPrompter(HostKeyDecision.REJECT)).connect(SshAddress.parse("bastion"), o),
                    "the jump host does not know this key yet");
            jump.authorize(key);
            try (SshConnection c = new SshConnector(new ScriptedPrompter(HostKeyDecision.REJECT)).connect(SshAddress.parse("behind"), o)) {
                assertEquals("through", c.run(RemoteCommand.of("echo", "through")).stdout().strip());
                assertEquals(server.hostKeyFingerprint(), c.hostKeyFingerprint(), "the destination's key is the one checked");
                assertEquals(jump.port(), c.via().orElseThrow().port());
            }
            assertEquals(java.util.List.of("127.0.0.1:" + server.port()), jump.forwarded);

            jump.allowForwarding = false;
            Problem p = assertThrows(Problem.class, () -> new SshConnector(new ScriptedPrompter(HostKeyDecision.REJECT)).connect(SshAddress.parse("behind"), o));
            assertEquals(Problem.Kind.CONNECTION, p.kind());
            assertTrue(p.what().startsWith("The jump host " + EmbeddedSshServer.USER + "@127.0.0.1:" + jump.port() + " would not open a connection"), p.what());

            Files.writeString(config, "Host *\n  ProxyJump loop\n");
            Problem loop = assertThrows(Problem.class, () -> new SshConnector(new ScriptedPrompter(HostKeyDecision.REJECT)).connect(SshAddress.parse("x"), o));
            assertTrue(loop.what().contains("ProxyJump"), loop.what());
        }
    }
}
