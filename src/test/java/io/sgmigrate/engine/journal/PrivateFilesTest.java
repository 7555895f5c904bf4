package io.sgmigrate.engine.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
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
}
