package io.sgmigrate.engine.ssh;

import io.sgmigrate.engine.Problem;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A host key fingerprint the user vouched for: {@code HOST=SHA256:...} trusts it for that host only, with
 * HOST written as known_hosts writes it ({@code host} for port 22, {@code [host]:port} otherwise); the older
 * bare {@code SHA256:...} trusts it for every host, jump hosts included.
 *
 * @param hostSpec the host it is bound to, or null for any host
 */
public record TrustedFingerprint(String hostSpec, String fingerprint) {
    private static final Pattern SHA256_BASE64 = Pattern.compile("[A-Za-z0-9+/]{43}");
    private static final String PREFIX = "SHA256:";

    /** Reads {@code HOST=SHA256:...} or a bare {@code SHA256:...}; anything else is an input problem. */
    public static TrustedFingerprint parse(String text) {
        String s = text == null ? "" : text.strip();
        int eq = s.toUpperCase(Locale.ROOT).indexOf("=" + PREFIX);
        String host = eq >= 0 ? s.substring(0, eq).strip() : null;
        String fp = eq >= 0 ? s.substring(eq + 1).strip() : s;
        if ((host != null && (host.isEmpty() || host.contains(" "))) || !SHA256_BASE64.matcher(body(fp)).matches()) {
            throw Problem.of(Problem.Kind.INPUT, "ssh.fingerprint.invalid", s);
        }
        return new TrustedFingerprint(host == null ? null : canonicalHost(host), PREFIX + body(fp));
    }

    /** Whether a host known_hosts calls {@code hostSpec} may be trusted for presenting {@code presented}. */
    public boolean vouchesFor(String hostSpec, String presented) {
        return (this.hostSpec == null || this.hostSpec.equals(canonicalHost(hostSpec))) && Fingerprints.same(fingerprint, presented);
    }

    public boolean anyHost() {
        return hostSpec == null;
    }

    private static String body(String fp) {
        String b = fp.regionMatches(true, 0, PREFIX, 0, PREFIX.length()) ? fp.substring(PREFIX.length()) : fp;
        return b.endsWith("=") ? b.substring(0, b.length() - 1) : b;
    }

    /** Host names compare case-insensitively, and {@code [host]:22} is plain {@code host}, as in known_hosts. */
    private static String canonicalHost(String spec) {
        String h = spec.toLowerCase(Locale.ROOT);
        return h.startsWith("[") && h.endsWith("]:22") ? h.substring(1, h.length() - 4) : h;
    }
}
