package io.sgmigrate.engine.payload;

import io.sgmigrate.engine.Problem;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Date;
import java.util.List;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPDigestCalculatorProviderBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyPair;

/**
 * A key that lives only in this process, for one payload: the payload is also encrypted to it, so that what was
 * written can be read back and proven here (every checksum) although only the recipients hold their secret keys.
 * It is never written anywhere; once the check is done it is dropped, and the file then opens only for the recipients
 * and the passphrase given. (Bouncy Castle's key objects cannot be wiped; they become garbage with this object.)
 */
public final class CheckKey {
    private final PGPKeyPair pair;

    private CheckKey(PGPKeyPair pair) {
        this.pair = pair;
    }

    public static CheckKey generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return new CheckKey(new JcaPGPKeyPair(PublicKeyAlgorithmTags.RSA_GENERAL, g.generateKeyPair(), new Date()));
        } catch (NoSuchAlgorithmException | PGPException e) {
            throw Problem.of(Problem.Kind.INTERNAL, "payload.write.failed").causedBy(e);
        }
    }

    /** What the payload is also encrypted to. */
    public Protection.Recipient recipient() {
        return new Protection.Recipient(pair.getPublicKey(), "sgmigrate check key (discarded after the check)");
    }

    /** What reads it back. */
    public PayloadReader.Unlock unlock() {
        try {
            PGPSecretKey sk = new PGPSecretKey(pair.getPrivateKey(), pair.getPublicKey(),
                    new JcaPGPDigestCalculatorProviderBuilder().build().get(org.bouncycastle.bcpg.HashAlgorithmTags.SHA1), true, null);
            return new PayloadReader.Unlock.SecretKeys(new PGPSecretKeyRingCollection(List.of(new PGPSecretKeyRing(List.of(sk)))), null);
        } catch (PGPException e) {
            throw Problem.of(Problem.Kind.INTERNAL, "payload.write.failed").causedBy(e);
        }
    }

    /** The key ID the payload names for it (gpg lists it among the recipients as a key it does not have). */
    public long keyId() {
        return pair.getKeyID();
    }
}
