package io.sgmigrate.engine.payload;

import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.secret.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.jcajce.JcaKeyFingerprintCalculator;

/**
 * Who can open a payload: the holder of a passphrase, or of the private key for a recipient's public key.
 * A passphrase is a {@link Secret}; the caller keeps ownership and wipes it.
 */
public sealed interface Protection {

    record Passphrase(Secret secret) implements Protection {}

    /** {@code key} encrypts (often a subkey); {@code primary} is the fingerprint of the key it belongs to, as gpg --fingerprint shows it. */
    record Recipient(PGPPublicKey key, String userId, String primary) implements Protection {
        public Recipient(PGPPublicKey key, String userId) {
            this(key, userId, hex(key.getFingerprint()));
        }

        /** The primary key's fingerprint in hex, as {@code gpg --fingerprint} shows it (without spaces). */
        public String fingerprint() {
            return primary;
        }

        private static String hex(byte[] fingerprint) {
            StringBuilder sb = new StringBuilder();
            for (byte b : fingerprint) sb.append(String.format("%02X", b));
            return sb.toString();
        }
    }

    static Protection passphrase(Secret s) {
        return new Passphrase(s);
    }

    /** The first encryption-capable key of an OpenPGP public key file (armored or binary), e.g. from {@code gpg --export}. */
    static Recipient recipientFromFile(Path file) {
        try (InputStream in = PGPUtil.getDecoderStream(Files.newInputStream(file))) {
            PGPPublicKeyRingCollection rings = new PGPPublicKeyRingCollection(in, new JcaKeyFingerprintCalculator());
            for (Iterator<PGPPublicKeyRing> r = rings.getKeyRings(); r.hasNext(); ) {
                PGPPublicKeyRing ring = r.next();
                String uid = ring.getPublicKey().getUserIDs().hasNext() ? ring.getPublicKey().getUserIDs().next() : "";
                for (Iterator<PGPPublicKey> k = ring.getPublicKeys(); k.hasNext(); ) {
                    PGPPublicKey key = k.next();
                    if (key.isEncryptionKey() && !key.hasRevocation()) return new Recipient(key, uid, Recipient.hex(ring.getPublicKey().getFingerprint()));
                }
            }
            throw Problem.of(Problem.Kind.INPUT, "payload.recipient.noEncryptionKey", file);
        } catch (IOException | PGPException | RuntimeException e) {
            if (e instanceof Problem p) throw p;
            throw Problem.of(Problem.Kind.INPUT, "payload.recipient.unreadable", file).causedBy(e);
        }
    }
}
