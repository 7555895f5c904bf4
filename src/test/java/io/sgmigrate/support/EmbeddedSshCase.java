package io.sgmigrate.support;

import io.sgmigrate.engine.prompt.HostKeyDecision;
import io.sgmigrate.engine.ssh.SshAddress;
import io.sgmigrate.engine.ssh.SshConnection;
import io.sgmigrate.engine.ssh.SshConnector;
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

    /** A new connection to the server, its host key known, logging in with the client key. */
    protected static SshConnection connect() throws Exception {
        return new SshConnector(new ScriptedPrompter(HostKeyDecision.REJECT)).connect(SshAddress.parse(server.address()),
                EmbeddedSshServer.options(server.knownHosts(), server.clientKey));
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }
}
