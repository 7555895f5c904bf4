package io.sgmigrate.engine.inspect;

import io.sgmigrate.engine.payload.GnupgKeyring;
import io.sgmigrate.engine.secret.Secret;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What may open a payload, as the person gave it: secret key files (their passphrase asked for only when a key is
 * protected), a passphrase for a payload encrypted to one, known signers' public keys, the person's GnuPG keyring, and a pinned signer (then
 * anything but a good signature by that key is refused). Secrets are the caller's; it wipes them.
 */
public record PayloadKeys(List<Path> secretKeys, Supplier<Secret> keyPassphrase, Optional<Secret> passphrase, List<Path> signers,
                          Optional<Path> pinnedSigner, Optional<GnupgKeyring> keyring) {

    public PayloadKeys(List<Path> secretKeys, Supplier<Secret> keyPassphrase, Optional<Secret> passphrase, List<Path> signers, Optional<Path> pinnedSigner) {
        this(secretKeys, keyPassphrase, passphrase, signers, pinnedSigner, Optional.empty());
    }

    public static PayloadKeys passphrase(Secret s) {
        return new PayloadKeys(List.of(), () -> null, Optional.of(s), List.of(), Optional.empty());
    }

    /** What names the secret key whose passphrase is asked for: the first key file, else the keyring. */
    public static String keyShown(List<Path> secretKeys, Optional<GnupgKeyring> keyring) {
        return !secretKeys.isEmpty() ? secretKeys.get(0).toString() : keyring.map(k -> "from the GnuPG keyring " + k.shown()).orElse("the secret key");
    }
}
