package io.sgmigrate.engine.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateFilesTest {
    @TempDir
    Path dir;

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void writeReplacesAWideFileWithAnOwnerOnlyOne() throws Exception {
        Path f = dir.resolve("new/sub/verification.json");
        Files.createDirectories(f.getParent());
        Files.writeString(f, "old, and readable by all");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        PrivateFiles.write(f, "new".getBytes(StandardCharsets.UTF_8));
        assertEquals("new", Files.readString(f));
        assertEquals("rw-------", mode(f));
        try (var left = Files.list(f.getParent())) {
            assertEquals(List.of("verification.json"), left.map(p -> p.getFileName().toString()).toList());
        }
        Path fresh = dir.resolve("made/here/report.json");
        PrivateFiles.write(fresh, new byte[0]);
        assertEquals("rwx------", mode(dir.resolve("made")), "folders it creates are owner-only");
        assertEquals("rwx------", mode(dir.resolve("made/here")));
        assertEquals("rw-------", mode(fresh));
    }

    @Test
    void createNewIsOwnerOnlyAndNeverReplaces() throws Exception {
        Path key = dir.resolve("run.key");
        PrivateFiles.createNew(key, "secret".getBytes(StandardCharsets.US_ASCII));
        assertEquals("rw-------", mode(key));
        assertThrows(FileAlreadyExistsException.class, () -> PrivateFiles.createNew(key, "other".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("secret", Files.readString(key));
        Files.createSymbolicLink(dir.resolve("link.key"), dir.resolve("target.key"));
        assertThrows(FileAlreadyExistsException.class, () -> PrivateFiles.createNew(dir.resolve("link.key"), new byte[1]));
        assertFalse(Files.exists(dir.resolve("target.key")), "a planted link is not followed");
    }

    @Test
    void aFileSystemWithoutPosixModesStillWorks() throws Exception {
        URI zip = URI.create("jar:" + dir.resolve("plain.zip").toUri());
        try (FileSystem fs = FileSystems.newFileSystem(zip, Map.of("create", "true"))) {
            assertFalse(fs.supportedFileAttributeViews().contains("posix"), "the zip file system has no modes by default");
            Path f = fs.getPath("/runs/run.json");
            PrivateFiles.write(f, "{}".getBytes(StandardCharsets.UTF_8));
            PrivateFiles.write(f, "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
            PrivateFiles.createNew(fs.getPath("/runs/run.key"), "k".getBytes(StandardCharsets.US_ASCII));
            PrivateFiles.tighten(fs.getPath("/runs"));
            assertEquals("{\"a\":1}", Files.readString(f));
            assertEquals("k", Files.readString(fs.getPath("/runs/run.key")));
            try (var left = Files.list(fs.getPath("/runs"))) {
                assertEquals(List.of("run.json", "run.key"), left.map(p -> p.getFileName().toString()).sorted().toList());
            }
        }
    }
}
