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
