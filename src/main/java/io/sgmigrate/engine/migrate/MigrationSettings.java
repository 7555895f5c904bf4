package io.sgmigrate.engine.migrate;

import io.sgmigrate.engine.payload.Compression;
import io.sgmigrate.engine.payload.Protection;
import io.sgmigrate.engine.ssh.SshAddress;
import io.sgmigrate.engine.ssh.SshOptions;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Everything a migration needs to know. The payload always opens with the run's passphrase (used, never
 * stored; it lives in a key file beside the journal) and, when given, also with a recipient's key;
 * {@code protectionDescription} is what the journal says about it (a key file path, a key fingerprint).
 * {@code confirmHost} is an unattended run's typed confirmation: the new host's name, as a person would type it.
 */
public record MigrationSettings(
        SshAddress source,
        SshAddress target,
        SshOptions ssh,
        String composeDir,
        Optional<String> container,
        Protection.Passphrase protection,
        Optional<Protection.Recipient> recipient,
        String protectionDescription,
        Compression compression,
        boolean yes,
        Path journal,
        Optional<String> stagingDir,
        Optional<String> confirmHost) {

    /** The restoring end's part of these settings. */
    public TargetSettings targetSettings() {
        return new TargetSettings(target, ssh, composeDir, stagingDir, yes, confirmHost, journal);
    }
}
