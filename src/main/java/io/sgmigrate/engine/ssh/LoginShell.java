package io.sgmigrate.engine.ssh;

import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.shell.RemoteCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a host's login shell reads sgmigrate's commands as POSIX sh does. sshd runs every command through
 * the user's login shell ({@code $SHELL -c COMMAND}); fish, csh and tcsh read the same quoted words differently
 * (backslashes, newlines inside quotes, {@code !}), so such a host must be refused before anything runs there.
 *
 * @param host the host, as messages show it
 * @param shell the login shell the host reports ({@code $SHELL}), or "unknown"
 * @param posix whether the probe's words came back exactly as sent
 * @param detail what came back instead (empty when posix)
 */
public record LoginShell(String host, String shell, boolean posix, String detail) {
    private static final String MARK = "sgmigrate-shell:";
    /** Words that fish, csh or tcsh read differently from sh once quoted, and words zsh would expand unquoted. */
    static final List<String> PROBE_WORDS = List.of("it's", "back\\\\slash", "end\\", "two\nlines", "=x", "~", "$HOME", "!x", "a b");

    /** The probe: one command, valid in every shell family, whose output is exact only where the quoting is read as POSIX. */
    static RemoteCommand probeCommand() {
        List<String> argv = new ArrayList<>(List.of("sh", "-c",
                "printf '%s\\n' \"" + MARK + "${SHELL:-unknown}\"; printf '%s|' \"$@\"", "sgmigrate-shell-probe"));
        argv.addAll(PROBE_WORDS);
        return RemoteCommand.of(argv);
    }

    /** Runs the probe on {@code connection}; connection failures are Problems as for any command. */
    public static LoginShell probe(SshConnection connection) {
        ExecResult r = connection.run(probeCommand());
        String out = r.stdout();
        String host = connection.address().display();
        int at = out.indexOf(MARK);
        int eol = at < 0 ? -1 : out.indexOf('\n', at);
        String shell = eol < 0 ? "unknown" : out.substring(at + MARK.length(), eol);
        String expected = String.join("|", PROBE_WORDS) + "|";
        if (r.exitCode() == 0 && eol >= 0 && out.substring(eol + 1).equals(expected)) return new LoginShell(host, shell, true, "");
        String got = r.exitCode() != 0 ? "exit code " + r.exitCode() + ": " + r.stderr().strip() : "read back: " + (eol < 0 ? out : out.substring(eol + 1));
        return new LoginShell(host, shell, false, got);
    }

    /** Shorthand for {@code probe(connection).posix()}. */
    public static boolean loginShellIsPosix(SshConnection connection) {
        return probe(connection).posix();
    }

    /** The pre-flight failure to show when the login shell is not POSIX (PRECONDITION), or empty. */
    public Optional<Problem> problem() {
        if (posix) return Optional.empty();
        return Optional.of(Problem.of(Problem.Kind.PRECONDITION, "ssh.loginShell.notPosix", host, shell).withDetail(detail));
    }
}
