package io.sgmigrate.engine.migrate;

import io.sgmigrate.engine.ssh.SshAddress;
import io.sgmigrate.engine.ssh.SshOptions;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What the restoring end of a migration needs to know, whatever the dumps come from: the new host, its compose folder,
 * where a staged payload may go, how the replacement is confirmed, and the run's journal.
 */
public record TargetSettings(
        SshAddress target,
        SshOptions ssh,
        String composeDir,
        Optional<String> stagingDir,
        boolean yes,
        Optional<String> confirmHost,
        Path journal) {}
