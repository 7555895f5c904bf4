package io.sgmigrate.support;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** Tests against one embedded SSH server, started once per test class in its own folder. */
public abstract class EmbeddedSshCase {
    @TempDir
    protected static Path dir;
    protected static EmbeddedSshServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = EmbeddedSshServer.start(dir);
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }
}
