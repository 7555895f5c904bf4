package io.sgmigrate.engine.transfer;

import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.progress.Units;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A payload written to a file here: owner-only ({@code 0600}) under {@code FILE.partial}, synced, then renamed to
 * {@code FILE}, with {@code FILE.sha256} ({@code sha256sum -c} reads it) beside it. A file that is not complete never
 * carries the final name; an existing file of that name is never overwritten.
 */
public final class LocalPayloadFile implements PayloadTransfer.PayloadDestination {
    private final Path file;
    private final Path tmp;
    private final boolean runsOwn;
    private final String messages;
    private FileChannel channel;

    /** A payload file asked for by name (payload create): never overwritten. */
    public LocalPayloadFile(Path file) {
        this(file, false, "payload.create");
    }

    private LocalPayloadFile(Path file, boolean runsOwn, String messages) {
        this.file = file.toAbsolutePath();
        this.tmp = partial(this.file);
        this.runsOwn = runsOwn;
        this.messages = messages;
    }

    /** A migration's own payload, kept beside its journal: one a resume sends again replaces the run's earlier one. */
    public static LocalPayloadFile ofRun(Path file) {
        return new LocalPayloadFile(file, true, "migrate.kept");
    }

    /** The SHA-256 of {@code file} as it is now, or "" when it cannot be read (it is missing). */
    public static String sha256(Path file) {
        try (var in = Files.newInputStream(file)) {
            java.security.MessageDigest d = java.security.MessageDigest.getInstance("SHA-256");
            byte[] b = new byte[1 << 16];
            for (int n; (n = in.read(b)) > 0; ) d.update(b, 0, n);
            return java.util.HexFormat.of().formatHex(d.digest());
        } catch (IOException e) {
            return "";
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Removes the file and what is beside it (its temporary name, its checksum file). */
    public static void remove(Path file) throws IOException {
        for (Path p : java.util.List.of(file, partial(file), checksumFile(file), partial(checksumFile(file)))) Files.deleteIfExists(p);
    }

    /** The temporary name the file is written under. */
    public static Path partial(Path file) {
        return file.resolveSibling(file.getFileName() + ".partial");
    }

    /** The checksum file beside it. */
    public static Path checksumFile(Path file) {
        return file.resolveSibling(file.getFileName() + ".sha256");
    }

    /** Refuses a name that is taken or a folder that is not there, before anything else runs. */
    public static void checkUsable(Path file) {
        Path f = file.toAbsolutePath();
        if (Files.exists(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) throw Problem.of(Problem.Kind.INPUT, "payload.create.exists", f);
        if (!Files.isDirectory(f.getParent()) || !Files.isWritable(f.getParent())) throw Problem.of(Problem.Kind.INPUT, "payload.create.folder", f.getParent());
    }

    @Override
    public OutputStream open() {
        if (!runsOwn) checkUsable(file);
        else if (!Files.isDirectory(file.getParent()) || !Files.isWritable(file.getParent())) throw Problem.of(Problem.Kind.INPUT, messages + ".folder", file.getParent());
        try {
            // What an interrupted earlier run left under the temporary name is never used.
            Files.deleteIfExists(tmp);
            channel = FileChannel.open(tmp, java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (IOException e) {
            throw failure(e);
        }
        return new java.io.BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16) {
            @Override
            public void close() throws IOException {
                // The channel is closed by commit or abandon, after it is synced.
                flush();
            }
        };
    }

    @Override
    public StagedPayload commit(StagedPayload written) {
        try {
            channel.force(true);
            channel.close();
            if (Files.size(tmp) != written.encryptedBytes()) throw Problem.of(Problem.Kind.INPUT, messages + ".short", tmp, Files.size(tmp), written.encryptedBytes());
            if (runsOwn) Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            else Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            Path sums = checksumFile(file);
            Path sumsTmp = partial(sums);
            Files.deleteIfExists(sumsTmp);
            Files.writeString(sumsTmp, written.sha256() + "  " + file.getFileName() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            Files.setPosixFilePermissions(sumsTmp, PosixFilePermissions.fromString("rw-------"));
            Files.move(sumsTmp, sums, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncFolder(file.getParent());
        } catch (IOException e) {
            throw failure(e);
        }
        return new StagedPayload(file.toString(), written.encryptedBytes(), written.sha256(), written.manifest(), written.rowCounts());
    }

    @Override
    public RuntimeException abandon(Exception cause) {
        try {
            if (channel != null) channel.close();
            Files.deleteIfExists(tmp);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
        if (cause instanceof Problem p) return p;
        IOException io = rootIo(cause);
        return io != null ? failure(io) : Problem.of(Problem.Kind.INTERNAL, "payload.write.failed").causedBy(cause);
    }

    private RuntimeException failure(IOException e) {
        if (e instanceof FileAlreadyExistsException) return Problem.of(Problem.Kind.INPUT, "payload.create.exists", file);
        String said = String.valueOf(e.getMessage());
        if (said.contains("No space left on device") || said.contains("Disk quota exceeded")) {
            long free = -1;
            try {
                free = Files.getFileStore(file.getParent()).getUsableSpace();
            } catch (IOException ignored) {
                // the message says what is known
            }
            return Problem.of(Problem.Kind.PRECONDITION, messages + ".diskFull", file.getParent(), free < 0 ? "?" : Units.bytes(free)).causedBy(e);
        }
        return Problem.of(Problem.Kind.INPUT, messages + ".writeFailed", file, said).causedBy(e);
    }

    /** The file system's own error in the chain (a full disk is said deep inside the pipe's wrappers), else the first I/O error. */
    private static IOException rootIo(Throwable t) {
        IOException first = null;
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof IOException io) {
                if (first == null) first = io;
                if (String.valueOf(io.getMessage()).contains("No space left on device")) return io;
            }
        }
        return first;
    }

    private static void syncFolder(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException ignored) {
            // Not every file system lets a folder be synced; the rename itself is atomic.
        }
    }
}
