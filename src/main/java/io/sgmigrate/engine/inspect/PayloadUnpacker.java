package io.sgmigrate.engine.inspect;

import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.payload.Inbound;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * The one way sgmigrate writes a payload's plain contents to disk, for whoever must have the files: a new folder
 * (owner-only, 0700; files 0600) that appears only once the whole payload proved whole; until then the files are in a
 * hidden sibling folder, removed again if anything fails.
 */
public final class PayloadUnpacker {
    private PayloadUnpacker() {}

    /** Unpacks {@code file} into the new folder {@code out}; returns the files written, relative to it, in payload order. */
    public static List<String> unpack(Path file, PayloadKeys keys, Path out, LongConsumer bytesRead) {
        Path target = out.toAbsolutePath().normalize();
        if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) throw Problem.of(Problem.Kind.INPUT, "unpack.exists", target);
        Path parent = target.getParent();
        Path partial;
        try {
            partial = Files.createTempDirectory(parent, "." + target.getFileName() + ".partial-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw Problem.of(Problem.Kind.PRECONDITION, "unpack.write", parent, e.getMessage()).causedBy(e);
        }
        List<String> written = new ArrayList<>();
        boolean done = false;
        try {
            if (PayloadInspector.own(file, keys)) {
                PayloadInspector.members(file, keys, bytesRead, member -> create(partial, member, written));
            } else {
                try (Inbound in = Inbound.open(file, CustomerFile.keys(keys, true), bytesRead)) {
                    in.entries((name, size, data) -> {
                        try (OutputStream o = create(partial, name, written)) {
                            data.transferTo(o);
                        }
                    });
                }
            }
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                throw Problem.of(Problem.Kind.INPUT, "unpack.exists", target);
            }
            done = true;
            return List.copyOf(written);
        } catch (IOException | UncheckedIOException e) {
            throw Problem.of(Problem.Kind.PRECONDITION, "unpack.write", target, e.getMessage()).causedBy(e);
        } finally {
            if (!done) removeQuietly(partial);
        }
    }

    /** A new owner-only file for entry {@code name}, inside {@code root} whatever the name says. */
    private static OutputStream create(Path root, String name, List<String> written) throws IOException {
        Path f = root.resolve(name).normalize();
        if (!f.startsWith(root) || f.equals(root)) throw Problem.of(Problem.Kind.INPUT, "inbound.hostile.parent", Inbound.shown(name));
        Path d = root;
        if (!f.getParent().equals(root)) {
            for (Path part : root.relativize(f.getParent())) {
                d = d.resolve(part);
                if (!Files.isDirectory(d, java.nio.file.LinkOption.NOFOLLOW_LINKS)) Files.createDirectory(d, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
        }
        Files.createFile(f, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        written.add(root.relativize(f).toString());
        return Files.newOutputStream(f, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING, java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }

    private static void removeQuietly(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException | UncheckedIOException ignored) {
            // a leftover hidden .partial folder is owner-only; the error that stopped the unpack is the one reported
        }
    }
}
