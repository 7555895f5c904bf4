package io.sgmigrate.engine.secret;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A password or passphrase held as characters, never as a {@link String}, and wiped with {@link #close()}.
 * {@link #toString()} never reveals the content, so a secret that slips into a log line stays hidden.
 */
public final class Secret implements AutoCloseable {
    private final char[] chars;
    private boolean wiped;

    private Secret(char[] chars) {
        this.chars = chars;
    }

    /** Takes ownership of {@code chars}: the caller must not keep or reuse the array. */
    public static Secret adopt(char[] chars) {
        return new Secret(chars);
    }

    /** The characters; valid until {@link #close()}. */
    public synchronized char[] chars() {
        if (wiped) throw new IllegalStateException("secret already wiped");
        return chars;
    }

    /** UTF-8 bytes in a fresh array that the caller must wipe with {@link #wipe(byte[])}. */
    public synchronized byte[] utf8() {
        ByteBuffer buf = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars()));
        byte[] out = new byte[buf.remaining()];
        buf.get(out);
        if (buf.hasArray()) Arrays.fill(buf.array(), (byte) 0);
        return out;
    }

    public synchronized boolean isWiped() {
        return wiped;
    }

    public synchronized boolean isEmpty() {
        return chars().length == 0;
    }

    @Override
    public synchronized void close() {
        Arrays.fill(chars, '\0');
        wiped = true;
    }

    public static void wipe(byte[] bytes) {
        if (bytes != null) Arrays.fill(bytes, (byte) 0);
    }

    @Override
    public String toString() {
        return "Secret[hidden]";
    }
}
