package io.sgmigrate.engine.shell;

import java.util.List;
import java.util.regex.Pattern;

/**
 * POSIX shell quoting. Every word sgmigrate sends to a remote shell passes through {@link #quote(String)},
 * so that nothing a user types (names, paths, passwords) can change the command's meaning. Words are also
 * quoted where zsh would expand them. fish, csh and tcsh read this quoting differently: see
 * {@link io.sgmigrate.engine.ssh.LoginShell}.
 */
public final class Shell {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private Shell() {}

    /** One shell word that stands for exactly {@code word}. Words made only of safe characters stay as they are. */
    public static String quote(String word) {
        if (word.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a shell word cannot contain a NUL character");
        }
        if (!word.isEmpty() && SAFE.matcher(word).matches() && !expandable(word)) return word;
        return "'" + word.replace("'", "'\"'\"'") + "'";
    }

    /**
     * Safe characters that still expand: a leading {@code =} or {@code ~} (zsh EQUALS, tilde), and, with zsh's
     * MAGIC_EQUAL_SUBST, an {@code =} or {@code ~} that starts the value of {@code name=value} or a {@code :} part of it.
     */
    private static boolean expandable(String word) {
        if (word.startsWith("=") || word.startsWith("~")) return true;
        int eq = word.indexOf('=');
        if (eq < 0) return false;
        for (String part : word.substring(eq + 1).split(":", -1)) {
            if (part.startsWith("=") || part.startsWith("~")) return true;
        }
        return false;
    }

    /**
     * The words quoted and joined by single spaces, as one command line: a first word holding {@code =} is
     * quoted too, so that it is run as a program and never read as a variable assignment.
     */
    public static String join(List<String> words) {
        StringBuilder sb = new StringBuilder();
        for (String w : words) {
            if (sb.length() > 0) {
                sb.append(' ').append(quote(w));
            } else {
                String q = quote(w);
                sb.append(q.equals(w) && w.indexOf('=') >= 0 ? "'" + w + "'" : q);
            }
        }
        return sb.toString();
    }
}
