package io.sgmigrate.engine.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.Set;

/**
 * Files only their owner may read, for what sgmigrate keeps on this machine (journals, keys, snapshots, reports):
 * files are 0600 and new folders 0700 from the moment they exist, where the file system has POSIX modes. Elsewhere
 * (Windows) the defaults of the user's profile apply.
 */
public final class PrivateFiles {
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");

    private PrivateFiles() {}

    /** Replaces {@code file} with {@code bytes}: a new 0600 temporary file beside it, synced, renamed over it, then the folder synced. */
    public static void write(Path file, byte[] bytes) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp", ownerOnly(dir));
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                writeAll(ch, bytes);
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        syncFolder(dir);
    }

    /** Creates {@code file}, which must not exist yet, owner-only from the start, with {@code bytes}, synced. */
    public static void createNew(Path file, byte[] bytes) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        createDirectories(dir);
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        FileChannel ch = FileChannel.open(file, options, ownerOnly(dir));
        try (ch) {
            writeAll(ch, bytes);
            ch.force(true);
        } catch (IOException e) {
            Files.deleteIfExists(file); // ours, and incomplete: a retry may create it again
            throw e;
        }
        syncFolder(dir);
    }

    /** Creates {@code dir} and its missing parents; the folders it creates are 0700. */
    public static void createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) return;
        if (posix(dir)) Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(FOLDER));
        else Files.createDirectories(dir);
    }

    /** Takes group and other permissions away from {@code dir} when this user owns it; leaves anyone else's folder alone. */
    public static void tighten(Path dir) throws IOException {
        if (!posix(dir) || !Files.isDirectory(dir)) return;
        UserPrincipal me;
        try {
            me = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(System.getProperty("user.name"));
        } catch (IOException | UnsupportedOperationException unknownUser) {
            return;
        }
        if (!Files.getOwner(dir).equals(me)) return;
        Set<PosixFilePermission> p = EnumSet.noneOf(PosixFilePermission.class);
        p.addAll(Files.getPosixFilePermissions(dir));
        if (p.removeAll(EnumSet.complementOf(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE)))) {
            Files.setPosixFilePermissions(dir, p);
        }
    }

    static boolean posix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** The attribute that creates a file 0600, or none where modes do not exist. */
    static FileAttribute<?>[] ownerOnly(Path dir) {
        return posix(dir) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)} : new FileAttribute<?>[0];
    }

    private static void writeAll(SeekableByteChannel ch, byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) ch.write(b);
    }

    /** Makes a rename durable; a folder cannot be opened on every system (Windows), and there it is skipped. */
    private static void syncFolder(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException notSupported) {
            // nothing more can be done here; the file itself is synced
        }
    }
}
