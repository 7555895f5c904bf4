package io.sgmigrate.engine.migrate;

import io.sgmigrate.engine.payload.Compression;
import io.sgmigrate.engine.payload.Protection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The payload a migration stages between its ends: who can open it (the run's passphrase and, when given, a
 * recipient's key), what the journal says about that, and its compression.
 */
record PayloadSettings(Protection.Passphrase protection, Optional<Protection.Recipient> recipient, String description, Compression compression) {

    static PayloadSettings of(MigrationSettings s) {
        return new PayloadSettings(s.protection(), s.recipient(), s.protectionDescription(), s.compression());
    }

    /** The recipient's key first: gpg then opens the payload with the secret key without asking for the run's passphrase. */
    List<Protection> protections() {
        List<Protection> p = new ArrayList<>();
        recipient.ifPresent(p::add);
        p.add(protection);
        return p;
    }
}
