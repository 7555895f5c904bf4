package io.sgmigrate.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What ~/.sgmigrate/wizard.json may hold, and who may read it. */
class WizardPrefsFileTest {
    @TempDir
    Path dir;

    private static WizardPrefs hosts(String source, String target) {
        return new WizardPrefs(980, 680, false, source, target, "/srv/compose", "/keys/id", "", "KEY_FILE");
    }

    @Test
    void anAddressWithAPasswordIsNeverWritten() throws Exception {
        Path f = dir.resolve("wizard.json");
        hosts("admin:hunter2@old-host", "ssh://ops:s3cret@new-host:2222").save(f);
        String saved = Files.readString(f);
        assertFalse(saved.contains("hunter2"), saved);
        assertFalse(saved.contains("s3cret"), saved);
        assertTrue(saved.contains("/srv/compose"), "the rest is still remembered: " + saved);
    }

    @Test
    void onlyAddressesThatParseAreKept() throws Exception {
        Path f = dir.resolve("wizard.json");
        hosts("old host, the big one", "ssh://ops@new-host:2222").save(f);
        WizardPrefs back = WizardPrefs.load(f);
        assertEquals("", back.source());
        assertEquals("ssh://ops@new-host:2222", back.target());
        assertEquals("sg-old", hosts("sg-old", "").source(), "a bare ssh config Host is an address");
    }

    @Test
    void aPasswordInAnEditedFileIsNotTakenIn() throws Exception {
        Path f = dir.resolve("wizard.json");
        Files.writeString(f, "{\"source\":\"admin:hunter2@old-host\",\"target\":\"ssh://ops@new-host\"}");
        WizardModel m = new WizardModel();
        WizardPrefs.load(f).applyTo(m);
        assertEquals("", m.sourceAddress.get());
        assertEquals("ssh://ops@new-host", m.targetAddress.get());
    }

    @Test
    void theFileIsOwnerOnlyEvenWhereItWasNot() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path f = dir.resolve("wizard.json");
        Files.writeString(f, "{}");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        hosts("ssh://admin@old", "ssh://admin@new").save(f);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        try (var left = Files.list(dir)) {
            assertEquals(1, left.count(), "no temporary file is left beside it");
        }

        Path fresh = dir.resolve("home/.sgmigrate/wizard.json");
        hosts("ssh://admin@old", "ssh://admin@new").save(fresh);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh.getParent())), "a folder it creates is private too");
    }
}
