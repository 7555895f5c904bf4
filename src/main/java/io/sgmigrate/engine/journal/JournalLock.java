package io.sgmigrate.engine.journal;

import io.sgmigrate.engine.Problem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The exclusive right to write one journal, held from {@link Journal#lock(Path)} until {@link #close()}: an OS lock on
 * {@code <journal>.lock}, which other processes see, plus a set of the paths held in this JVM, because OS locks belong
 * to the whole process. The lock file stays after close (removing it would let two holders lock different files).
 */
public final class JournalLock implements AutoCloseable {
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path journal;
    private final Path key;
    private final FileChannel channel;
    private boolean closed;

    private JournalLock(Path journal, Path key, FileChannel channel) {
        this.journal = journal;
        this.key = key;
        this.channel = channel;
    }

    /** The lock file of {@code journal}: {@code run.json} is locked through {@code run.json.lock}. */
    public static Path lockFile(Path journal) {
        return journal.resolveSibling(journal.getFileName() + ".lock");
    }

    static JournalLock acquire(Path journal) {
        Path lockFile = lockFile(journal.toAbsolutePath());
        Path key;
        try {
            PrivateFiles.createDirectories(lockFile.getParent());
            key = lockFile.getParent().toRealPath().resolve(lockFile.getFileName());
        } catch (IOException e) {
            throw Problem.of(Problem.Kind.PRECONDITION, "journal.unwritable", journal).causedBy(e);
        }
        if (!HELD.add(key)) throw Problem.of(Problem.Kind.PRECONDITION, "journal.locked", journal).withDetail("held in this process");
        FileChannel ch = null;
        try {
            Set<OpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            ch = FileChannel.open(key, options, PrivateFiles.ownerOnly(key.getParent()));
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) throw Problem.of(Problem.Kind.PRECONDITION, "journal.locked", journal).withDetail(holder(key));
            // Who holds it, for the one who is refused; informative only.
            ch.truncate(0);
            ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            return new JournalLock(journal, key, ch);
        } catch (IOException | RuntimeException e) {
            closeQuietly(ch);
            HELD.remove(key);
            if (e instanceof Problem p) throw p;
            throw Problem.of(Problem.Kind.PRECONDITION, "journal.unwritable", journal).causedBy(e);
        }
    }

    /** The journal this lock is for, as it was given. */
    public Path journal() {
        return journal;
    }

    /** Releases the lock; closing twice is harmless. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        closeQuietly(channel);
        HELD.remove(key);
    }

    private static String holder(Path lockFile) {
        try {
            String pid = Files.readString(lockFile, StandardCharsets.US_ASCII).trim();
            return pid.matches("[0-9]{1,19}") ? "held by process " + pid : "";
        } catch (IOException | RuntimeException unreadable) {
            return ""; // Windows locks are mandatory: the holder's file cannot be read while it is held
        }
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch == null) return;
        try {
            ch.close(); // releases the lock with it
        } catch (IOException ignored) {
            // the OS drops the lock when the process ends
        }
    }
}
