package io.sgmigrate.engine.probe;

import io.sgmigrate.engine.docker.Container;
import io.sgmigrate.engine.ssh.SshAddress;
import java.util.List;

/** What a first look at a host found: who we are logged in as, its verified key, its Docker engine and containers. */
public record HostReport(SshAddress address, String hostKeyFingerprint, String dockerVersion, List<Container> containers) {}
