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

    @ParameterizedTest
    @ValueSource(strings = {"=ls", "~", "~/x", "a==ls", "--file==ls", "PATH=/bin:=ls", "a=~", "x=b:~/y"})
    void wordsZshWouldExpandAreQuoted(String word) throws Exception {
        assertEquals("'" + word + "'", Shell.quote(word));
        assertEquals(word, shellEcho(Shell.quote(word)));
        // zsh expands =ls to the path of ls (EQUALS), and with MAGIC_EQUAL_SUBST after name= and : too.
        if (java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/zsh"))) {
            assertEquals(word, run("/usr/bin/zsh", "-o", "magicequalsubst", "-c", "printf %s " + Shell.quote(word)));
        }
    }

    @Test
    void safeWordsWithEqualsStayReadable() {
        assertEquals("ON_ERROR_STOP=1", Shell.quote("ON_ERROR_STOP=1"));
        assertEquals("--format=json", Shell.quote("--format=json"));
        assertEquals("a=b:c", Shell.quote("a=b:c"));
        assertEquals("x%=y", Shell.quote("x%=y"));
    }

    @Test
    void aFirstWordWithEqualsIsAProgramNotAnAssignment() throws Exception {
        RemoteCommand c = RemoteCommand.of("FOO=1", "true");
        assertEquals("'FOO=1' true", c.render());
        Process p = new ProcessBuilder("/bin/sh", "-c", c.render()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertEquals(127, p.waitFor(), "sh looked for a program named FOO=1 instead of running true");
        assertEquals("env FOO=1 true", RemoteCommand.of("env", "FOO=1", "true").render());
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
        return run("/bin/sh", "-c", "printf %s " + quoted);
    }

    private static String run(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
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
