package io.sgmigrate.engine.payload;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 and hex: the one place that names the algorithm. */
public final class Hex {
    private Hex() {}

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    public static String of(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }
}
