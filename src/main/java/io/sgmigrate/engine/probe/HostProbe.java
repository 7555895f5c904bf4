package io.sgmigrate.engine.probe;

import io.sgmigrate.engine.docker.DockerCli;
import io.sgmigrate.engine.ssh.SshAddress;
import io.sgmigrate.engine.ssh.SshConnection;
import io.sgmigrate.engine.ssh.SshConnector;
import io.sgmigrate.engine.ssh.SshOptions;

/** Connects to a host, verifies its key, and reads its Docker engine: the "Test connection" of both fronts. It changes nothing. */
public final class HostProbe {
    private final SshConnector connector;

    public HostProbe(SshConnector connector) {
        this.connector = connector;
    }

    public HostReport probe(SshAddress address, SshOptions options) {
        try (SshConnection c = connector.connect(address, options)) {
            DockerCli docker = new DockerCli(c);
            String version = docker.serverVersion();
            return new HostReport(c.address(), c.hostKeyFingerprint(), version, docker.containers());
        }
    }
}
