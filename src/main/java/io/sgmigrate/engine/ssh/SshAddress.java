package io.sgmigrate.engine.ssh;

import io.sgmigrate.engine.Problem;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where to log in: {@code ssh://USER@HOST[:PORT]}, or the short {@code USER@HOST[:PORT]}, or a bare
 * {@code HOST} that may be a {@code Host} entry of {@code ~/.ssh/config}. A missing user or port stays
 * {@code null}/{@code -1} so that ssh config (or the defaults) can fill it in.
 */
public record SshAddress(String user, String host, int port) {
    private static final java.util.regex.Pattern SCHEME = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://");

    public SshAddress {
        if (host == null || host.isBlank()) throw new IllegalArgumentException("host is required");
    }

    public static SshAddress parse(String text) {
        if (text == null || text.isBlank()) throw Problem.of(Problem.Kind.INPUT, "ssh.address.invalid", String.valueOf(text));
        String s = text.strip();
        String shown = masked(s);
        String uriText = s.startsWith("ssh://") ? s : "ssh://" + s;
        try {
            URI uri = new URI(uriText);
            String host = uri.getHost();
            if (host == null || (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/"))
                    || uri.getQuery() != null || uri.getFragment() != null) {
                throw Problem.of(Problem.Kind.INPUT, "ssh.address.invalid", shown);
            }
            if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
            String user = uri.getUserInfo();
            if (user != null && (user.isEmpty() || user.contains(":"))) {
                // A password inside the address would end up in shell history and logs: refuse it.
                throw Problem.of(Problem.Kind.INPUT, "ssh.address.invalid", shown);
            }
            int port = uri.getPort();
            if (port == 0 || port > 65535) throw Problem.of(Problem.Kind.INPUT, "ssh.address.invalid", shown);
            return new SshAddress(user, host, Math.max(port, 0));
        } catch (URISyntaxException e) {
            // The exception's own text repeats the input, so it is not kept as the detail.
            throw Problem.of(Problem.Kind.INPUT, "ssh.address.invalid", shown);
        }
    }

    /**
     * The text with any password in it replaced by {@code ***}: everything between the first {@code :}
     * of the user part and the last {@code @}, with or without a {@code scheme://} in front.
     */
    static String masked(String text) {
        java.util.regex.Matcher scheme = SCHEME.matcher(text);
        int start = scheme.lookingAt() ? scheme.end() : 0;
        int at = text.lastIndexOf('@');
        if (at <= start) return text;
        int colon = text.indexOf(':', start);
        if (colon < 0 || colon >= at) return text;
        return text.substring(0, colon + 1) + "***" + text.substring(at);
    }

    public int portOrDefault() {
        return port > 0 ? port : 22;
    }

    /** {@code user@host:port} as people write it, for messages. */
    public String display() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return (user != null ? user + "@" : "") + h + (port > 0 ? ":" + port : "");
    }

    @Override
    public String toString() {
        return "ssh://" + display();
    }
}
