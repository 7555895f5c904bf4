package io.sgmigrate.engine.shell;

import java.util.List;
import java.util.regex.Pattern;

/**
 * POSIX shell quoting. Every word sgmigrate sends to a remote shell passes through {@link #quote(String)},
 * so that nothing a user types (names, paths, passwords) can change the command's meaning.
 */
public final class Shell {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private Shell() {}

    /** One shell word that stands for exactly {@code word}. Words made only of safe characters stay as they are. */
    public static String quote(String word) {
        if (word.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a shell word cannot contain a NUL character");
        }
        if (!word.isEmpty() && SAFE.matcher(word).matches()) return word;
        return "'" + word.replace("'", "'\"'\"'") + "'";
    }

    /** The words quoted and joined by single spaces. */
    public static String join(List<String> words) {
        StringBuilder sb = new StringBuilder();
        for (String w : words) {
            if (sb.length() > 0) sb.append(' ');
            sb.append(quote(w));
        }
        return sb.toString();
    }
}
