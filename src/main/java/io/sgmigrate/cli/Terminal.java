package io.sgmigrate.cli;

/** Text from remote hosts (stderr, docker output) made safe to print: no terminal escapes or other control characters. */
final class Terminal {
    private Terminal() {}

    static String safe(String s) {
        if (s == null) return "";
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            if (c == '\n' || c == '\t') sb.appendCodePoint(c);
            else if (Character.isISOControl(c) || (c >= 0x80 && c < 0xa0)) sb.append('?');
            else sb.appendCodePoint(c);
        });
        return sb.toString();
    }
}
