package io.sgmigrate.engine.ssh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Appends a host key to a known_hosts file as OpenSSH would: a new folder is 0700 and a new file 0600, the
 * file is locked while it is read and written, a missing final newline is added first, and the host name
 * is hashed ({@code |1|salt|hash}) when the file already holds hashed entries.
 */
final class KnownHostsFile {
    private static final long LOCK_WAIT_MILLIS = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private KnownHostsFile() {}

    /** One JVM may connect to several hosts at once: they take turns here, other processes through the file lock. */
    static synchronized void append(Path file, String hostSpec, String keyType, byte[] keyBlob) throws IOException {
        Path abs = file.toAbsolutePath();
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        Path parent = abs.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            if (posix) Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            else Files.createDirectories(parent);
        }
        try (FileChannel ch = open(abs, posix); FileLock lock = lock(ch)) {
            byte[] content = readAll(ch);
            String host = usesHashing(content) ? hashed(hostSpec) : hostSpec;
            boolean glue = content.length > 0 && content[content.length - 1] != '\n';
            String line = (glue ? "\n" : "") + host + " " + keyType + " " + Base64.getEncoder().encodeToString(keyBlob) + "\n";
            ByteBuffer buf = ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII));
            long at = content.length;
            while (buf.hasRemaining()) at += ch.write(buf, at);
            ch.force(true);
        }
    }

    private static FileChannel open(Path file, boolean posix) throws IOException {
        try {
            Set<OpenOption> create = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileAttribute<?>[] mode = posix
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                    : new FileAttribute<?>[0];
            return FileChannel.open(file, create, mode);
        } catch (FileAlreadyExistsException e) {
            return FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        }
    }

    private static FileLock lock(FileChannel ch) throws IOException {
        long deadline = System.currentTimeMillis() + LOCK_WAIT_MILLIS;
        while (true) {
            FileLock l = ch.tryLock();
            if (l != null) return l;
            if (System.currentTimeMillis() > deadline) throw new IOException("another program holds a lock on the file");
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the file lock", e);
            }
        }
    }

    // Read through the locked channel: closing any other descriptor of the file would drop a POSIX lock.
    private static byte[] readAll(FileChannel ch) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        long at = 0;
        int n;
        while ((n = ch.read(buf, at)) > 0) {
            out.write(buf.array(), 0, n);
            at += n;
            buf.clear();
        }
        return out.toByteArray();
    }

    static boolean usesHashing(byte[] content) {
        for (String line : new String(content, StandardCharsets.UTF_8).split("\n")) {
            String l = line.strip();
            if (l.startsWith("@")) {
                int sp = l.indexOf(' ');
                l = sp < 0 ? "" : l.substring(sp + 1).strip();
            }
            if (l.startsWith("|1|")) return true;
        }
        return false;
    }

    /** OpenSSH's hashed host name: {@code |1|} base64(salt) {@code |} base64(HMAC-SHA1(salt, host)). */
    static String hashed(String hostSpec) {
        byte[] salt = new byte[20];
        RANDOM.nextBytes(salt);
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(salt, "HmacSHA1"));
            byte[] h = mac.doFinal(hostSpec.getBytes(StandardCharsets.UTF_8));
            Base64.Encoder b64 = Base64.getEncoder();
            return "|1|" + b64.encodeToString(salt) + "|" + b64.encodeToString(h);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
