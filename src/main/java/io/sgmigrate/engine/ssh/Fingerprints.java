package io.sgmigrate.engine.ssh;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** OpenSSH-style key fingerprints: {@code SHA256:} and unpadded base64 of the key blob's digest. */
public final class Fingerprints {
    private Fingerprints() {}

    public static String sha256(byte[] keyBlob) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(keyBlob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether two fingerprints are the same, tolerating a missing {@code SHA256:} prefix and base64 padding. */
    public static boolean same(String a, String b) {
        return a != null && b != null && normalize(a).equals(normalize(b));
    }

    private static String normalize(String fp) {
        String s = fp.strip();
        if (s.regionMatches(true, 0, "SHA256:", 0, 7)) s = s.substring(7);
        while (s.endsWith("=")) s = s.substring(0, s.length() - 1);
        return s;
    }
}
