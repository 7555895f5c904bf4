package io.sgmigrate.engine.payload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.engine.Problem;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keyring's own failures, each a sentence: no gpg here, no such keyring folder, an empty keyring. */
class GnupgKeyringTest {
    @TempDir
    Path dir;

    @AfterEach
    void noAgentLeft() throws Exception {
        new ProcessBuilder("gpgconf", "--homedir", dir.toString(), "--kill", "gpg-agent").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    }

    @Test
    void withoutGpgInstalledTheKeyringCannotBeUsedAndThatIsSaid() {
        Problem p = assertThrows(Problem.class, () -> new GnupgKeyring(Optional.of(dir), dir.resolve("no-gpg-here").toString()).secretKeyRing(1L, () -> null));
        assertTrue(p.what().contains("gpg (GnuPG) is not installed here"), p.what());
        assertEquals(Problem.Kind.PRECONDITION, p.kind());
    }

    @Test
    void aKeyringFolderThatIsNotThereIsNamed() {
        Problem p = assertThrows(Problem.class, () -> new GnupgKeyring(Optional.of(dir.resolve("absent"))).publicKeys());
        assertTrue(p.what().contains(dir.resolve("absent") + " does not exist"), p.what());
    }

    @Test
    void anEmptyKeyringHasNoKeyAndNoSignerButIsNoError() throws Exception {
        java.nio.file.Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        GnupgKeyring k = new GnupgKeyring(Optional.of(dir));
        assertEquals(null, k.secretKeyRing(0x1234_5678_9abc_def0L, () -> null));
        assertEquals(0, k.publicKeys().size());
        assertEquals(dir.toString(), k.shown());
    }
}
