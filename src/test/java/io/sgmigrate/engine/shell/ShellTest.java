package io.sgmigrate.engine.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ShellTest {

    @ParameterizedTest
    @ValueSource(strings = {"plain", "with space", "it's", "$(rm -rf /)", "`id`", "a;b", "x\ny", "\"dq\"", "*", "~root",
            "'", "''", "-n", "back\\slash", "tab\there", "ünïcødé", "$HOME", "a|b&c>d<e", "!event", "{a,b}", "#comment"})
    void aRealShellReadsBackExactlyTheWord(String word) throws Exception {
        // /bin/sh is the same POSIX shell family a remote sshd runs commands with.
        assertEquals(word, shellEcho(Shell.quote(word)));
    }

    @Test
    void safeWordsStayReadable() {
        assertEquals("docker", Shell.quote("docker"));
        assertEquals("/var/opt/sourcegraph", Shell.quote("/var/opt/sourcegraph"));
        assertEquals("''", Shell.quote(""));
        assertEquals("'a b'", Shell.quote("a b"));
    }

    @Test
    void nulIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Shell.quote("a\0b"));
    }

    @Test
    void commandsRenderAsQuotedArgv() {
        RemoteCommand c = RemoteCommand.of("docker", "exec", "-i", "my container", "psql", "-c", "select 'x'");
        assertEquals("docker exec -i 'my container' psql -c 'select '\"'\"'x'\"'\"''", c.render());
        assertEquals(List.of("docker", "exec", "-i", "my container", "psql", "-c", "select 'x'"), c.argv());
    }

    private static String shellEcho(String quoted) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("/bin/sh", "-c", "printf %s " + quoted).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    @Test
    void sudoWrapsTheWholeCommandWithoutAShellAndNeverAsksForAPassword() {
        RemoteCommand c = RemoteCommand.of("docker", "exec", "-i", "it's $(x)", "psql");
        assertTrue(c.isDocker());
        assertEquals(java.util.List.of("sudo", "-n", "--", "docker", "exec", "-i", "it's $(x)", "psql"), c.viaSudo().argv());
        assertEquals("sudo -n -- docker exec -i 'it'\"'\"'s $(x)' psql", c.viaSudo().render());
        org.junit.jupiter.api.Assertions.assertFalse(RemoteCommand.of("dockerd").isDocker());
        assertTrue(RemoteCommand.of("docker-compose", "up").isDocker());
    }
}
