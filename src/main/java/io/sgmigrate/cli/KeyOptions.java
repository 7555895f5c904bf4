package io.sgmigrate.cli;

import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.inspect.PayloadKeys;
import io.sgmigrate.engine.migrate.RunFiles;
import io.sgmigrate.engine.payload.GnupgKeyring;
import io.sgmigrate.engine.prompt.Prompter;
import io.sgmigrate.engine.prompt.SecretQuestion;
import io.sgmigrate.engine.secret.Secret;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** What opens a payload: the flags every payload command shares. Secrets read here are wiped by {@link #close}. */
final class KeyOptions implements AutoCloseable {
    @Option(names = "--secret-key", paramLabel = "FILE", description = "OpenPGP secret key the payload is encrypted to (gpg --export-secret-keys [--armor]); repeat for several.")
    List<Path> secretKeys = new ArrayList<>();

    @Option(names = "--gnupg", description = "Also use the secret and public keys of your GnuPG keyring (through gpg; nothing is exported to a file).")
    boolean gnupg;

    @Option(names = "--gnupg-home", paramLabel = "DIR", description = "The GnuPG keyring folder for --gnupg (default: $GNUPGHOME, else ~/.gnupg); implies --gnupg.")
    Path gnupgHome;

    @Option(names = "--key-passphrase-file", paramLabel = "FILE", description = "The secret key's passphrase (default: asked on the terminal when the key is protected).")
    Path keyPassphraseFile;

    @Option(names = "--passphrase-file", paramLabel = "FILE", description = "The passphrase of a payload encrypted to a passphrase (gpg -c, or sgmigrate's key file).")
    Path passphraseFile;

    @Option(names = "--signer", paramLabel = "PUBLIC_KEY_FILE", description = "The customer's public key: the payload must carry a good signature by it, anything else is refused.")
    Path signer;

    private final List<Secret> read = new ArrayList<>();

    PayloadKeys keys(Prompter prompter) {
        Optional<Secret> pass = Optional.ofNullable(passphraseFile).map(this::kept);
        Secret[] keyPass = new Secret[1];
        Optional<GnupgKeyring> keyring = gnupg || gnupgHome != null ? Optional.of(new GnupgKeyring(Optional.ofNullable(gnupgHome))) : Optional.empty();
        String keyShown = PayloadKeys.keyShown(secretKeys, keyring);
        return new PayloadKeys(List.copyOf(secretKeys), () -> {
            if (keyPass[0] != null) return keyPass[0];
            if (keyPassphraseFile != null) return keyPass[0] = kept(keyPassphraseFile);
            Secret s = prompter.secret(new SecretQuestion(SecretQuestion.Kind.KEY_PASSPHRASE, keyShown)).exceptionally(e -> null).join();
            if (s == null) throw Problem.of(Problem.Kind.AUTHENTICATION, "load.key.passphraseNeeded", keyShown);
            read.add(s);
            return keyPass[0] = s;
        }, pass, signer == null ? List.of() : List.of(signer), Optional.ofNullable(signer), keyring);
    }

    private Secret kept(Path file) {
        Secret s = RunFiles.readPassphrase(file);
        read.add(s);
        return s;
    }

    @Override
    public void close() {
        read.forEach(Secret::close);
        read.clear();
    }
}
