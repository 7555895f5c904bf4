package io.sgmigrate.engine.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.prompt.HostKeyDecision;
import io.sgmigrate.support.EmbeddedSshCase;
import io.sgmigrate.support.EmbeddedSshServer;
import io.sgmigrate.support.ScriptedPrompter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The login shell check against a real SSH server whose "login shell" each test picks. */
class LoginShellTest extends EmbeddedSshCase {

    @AfterEach
    void backToSh() {
        server.loginShell = "/bin/sh";
    }

    private static LoginShell probeWith(String shell) throws Exception {
        server.loginShell = shell;
        try (SshConnection c = new SshConnector(new ScriptedPrompter(HostKeyDecision.REJECT))
                .connect(SshAddress.parse(server.address()), EmbeddedSshServer.options(server.knownHosts(), server.clientKey))) {
            return LoginShell.probe(c);
        }
    }

    @Test
    void posixShellsPass() throws Exception {
        for (String sh : new String[] {"/bin/sh", "/bin/bash", "/bin/dash", "/usr/bin/zsh", "/bin/ksh"}) {
            if (!Files.isExecutable(Path.of(sh))) continue;
            LoginShell s = probeWith(sh);
            assertTrue(s.posix(), sh + ": " + s.detail());
            assertEquals(sh, s.shell());
            assertTrue(s.problem().isEmpty());
        }
    }

    @Test
    void aShellThatReadsTheQuotingDifferentlyIsAPreflightProblem() throws Exception {
        // Stands for csh and tcsh, which refuse a newline inside quotes (real ones are tried below when installed).
        Path fake = dir.resolve("fake-csh");
        Files.writeString(fake, "#!/bin/sh\ncase \"$2\" in *'\n'*) echo \"Unmatched '.\" >&2; exit 1;; esac\nexec /bin/sh -c \"$2\"\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        LoginShell s = probeWith(fake.toString());
        assertFalse(s.posix());
        assertEquals("unknown", s.shell(), "the probe never ran, so the shell could not say its name");
        Problem p = s.problem().orElseThrow();
        assertEquals(Problem.Kind.PRECONDITION, p.kind());
        assertTrue(p.what().contains("tester@127.0.0.1:" + server.port()) && p.what().contains("POSIX"), p.what());
        assertTrue(p.next().contains("chsh"), p.next());
        assertTrue(p.detail().contains("Unmatched"), p.detail());
    }

    @Test
    void fishCshAndTcshFailWhereInstalled() throws Exception {
        int tried = 0;
        for (String sh : new String[] {"/usr/bin/fish", "/bin/csh", "/usr/bin/csh", "/bin/tcsh", "/usr/bin/tcsh"}) {
            if (!Files.isExecutable(Path.of(sh))) continue;
            tried++;
            LoginShell s = probeWith(sh);
            assertFalse(s.posix(), sh + " read the probe back exactly");
            try (SshConnection c = connectWith(sh)) {
                assertFalse(LoginShell.loginShellIsPosix(c), sh);
            }
        }
        System.out.println("LoginShellTest: non-POSIX shells installed here and tried: " + tried);
    }

    private static SshConnection connectWith(String shell) throws Exception {
        server.loginShell = shell;
        return new SshConnector(new ScriptedPrompter(HostKeyDecision.REJECT))
                .connect(SshAddress.parse(server.address()), EmbeddedSshServer.options(server.knownHosts(), server.clientKey));
    }
}
