package io.sgmigrate.support;

import java.nio.file.Path;
import java.util.UUID;

/** A wizard prefs file of the test's own, so no test sees what another (or the person at this machine) left. */
public final class TestPrefs {
    private TestPrefs() {}

    public static Path fresh() {
        return Path.of(System.getProperty("java.io.tmpdir"), "sgmigrate-test-prefs-" + UUID.randomUUID() + ".json");
    }
}
