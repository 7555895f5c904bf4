package io.sgmigrate.engine.migrate;

import io.sgmigrate.engine.payload.Compression;
import io.sgmigrate.engine.payload.Protection;
import io.sgmigrate.engine.ssh.SshAddress;
import io.sgmigrate.engine.ssh.SshOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a payload create needs: the instance (a single container on {@code source}), who may open the file (recipients'
 * public keys, a passphrase: the caller owns and wipes it), where it goes, and how it is written. {@code managedInstance}:
 * seed 001's qualification rules stop the run instead of warning. {@code notice}: the migration notice's text, added to the
 * instance's global settings before anything is dumped (the one write to the instance, only when asked). {@code configOnly}:
 * the configuration files and the snapshot, no database dump (seeds 003/004, option 1).
 */
public record CreateSettings(
        SshAddress source,
        SshOptions ssh,
        Optional<String> container,
        Optional<String> composeDir,
        List<Protection> protections,
        Path out,
        boolean armored,
        Compression compression,
        boolean managedInstance,
        Optional<String> notice,
        Optional<io.sgmigrate.engine.payload.Signer> signer,
        boolean configOnly) {
    public CreateSettings {
        if (protections.isEmpty()) throw new IllegalArgumentException("a payload needs a recipient or a passphrase");
        protections = List.copyOf(protections);
        if (container.isPresent() && composeDir.isPresent()) throw new IllegalArgumentException("a single container or a compose folder, not both");
    }

    /** The recipients' key fingerprints, and whether a passphrase opens it: what the handover names. */
    public List<String> openedBy() {
        return protections.stream().map(p -> p instanceof Protection.Recipient r
                ? r.fingerprint() + (r.userId().isEmpty() ? "" : " (" + r.userId() + ")") : "the passphrase given").toList();
    }
}
