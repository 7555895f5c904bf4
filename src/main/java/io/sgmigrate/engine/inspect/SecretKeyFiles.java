package io.sgmigrate.engine.inspect;

import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.payload.PayloadReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.jcajce.JcaKeyFingerprintCalculator;

/** Secret key files (armored or binary, as {@code gpg --export-secret-keys} writes them) as an unlock for sgmigrate's own payloads. */
final class SecretKeyFiles {
    private SecretKeyFiles() {}

    static PayloadReader.Unlock unlock(PayloadKeys keys) {
        List<PGPSecretKeyRing> rings = new ArrayList<>();
        for (Path f : keys.secretKeys()) {
            try (InputStream in = PGPUtil.getDecoderStream(Files.newInputStream(f))) {
                new PGPSecretKeyRingCollection(in, new JcaKeyFingerprintCalculator()).getKeyRings().forEachRemaining(rings::add);
            } catch (IOException | PGPException | RuntimeException e) {
                throw Problem.of(Problem.Kind.INPUT, "load.key.unreadable", f).causedBy(e);
            }
        }
        // The keyring's key that opened the file's first entry (PayloadInspector.own) opens the rest of it.
        keys.keyring().ifPresent(k -> rings.addAll(k.exported()));
        if (rings.isEmpty()) throw Problem.of(Problem.Kind.INPUT, "load.key.none");
        return new PayloadReader.Unlock.SecretKeys(new PGPSecretKeyRingCollection(rings), keys.keyPassphrase().get());
    }
}
