package io.sgmigrate.engine.payload;

import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.secret.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.jcajce.JcaKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcePBESecretKeyDecryptorBuilder;

/**
 * Who signs a payload: a signing-capable key of a secret key file (as {@code gpg --export-secret-keys} writes it),
 * unlocked with its passphrase when it has one. The signature covers the archive as a whole (a one-pass signature
 * around the literal packet, inside the encryption), so {@code gpg --decrypt} says who signed it.
 */
public final class Signer {
    private final PGPPrivateKey key;
    private final PGPPublicKey publicKey;
    private final String userId;
    private final String fingerprint;
    private final List<PGPPublicKey> ring = new java.util.ArrayList<>();

    private Signer(PGPPrivateKey key, PGPPublicKey publicKey, String userId, String fingerprint) {
        this.key = key;
        this.publicKey = publicKey;
        this.userId = userId;
        this.fingerprint = fingerprint;
    }

    /** The first key of {@code file} that can sign; {@code passphrase} is asked for only when that key is protected. */
    public static Signer fromSecretKeyFile(Path file, Supplier<Secret> passphrase) {
        PGPSecretKeyRingCollection rings;
        try (InputStream in = PGPUtil.getDecoderStream(Files.newInputStream(file))) {
            rings = new PGPSecretKeyRingCollection(in, new JcaKeyFingerprintCalculator());
        } catch (IOException | PGPException | RuntimeException e) {
            throw Problem.of(Problem.Kind.INPUT, "payload.signer.unreadable", file).causedBy(e);
        }
        for (Iterator<PGPSecretKeyRing> r = rings.getKeyRings(); r.hasNext(); ) {
            PGPSecretKeyRing ring = r.next();
            PGPPublicKey primary = ring.getPublicKey();
            String uid = primary.getUserIDs().hasNext() ? primary.getUserIDs().next() : "";
            for (Iterator<PGPSecretKey> k = ring.getSecretKeys(); k.hasNext(); ) {
                PGPSecretKey sk = k.next();
                if (!sk.isSigningKey() || sk.getPublicKey().hasRevocation() || !canSign(ring, sk)) continue;
                PGPPrivateKey priv = unlock(sk, passphrase, file);
                Signer s = new Signer(priv, sk.getPublicKey(), uid, Hex.of(primary.getFingerprint()).toUpperCase(java.util.Locale.ROOT));
                ring.getPublicKeys().forEachRemaining(s.ring::add);
                return s;
            }
        }
        throw Problem.of(Problem.Kind.INPUT, "payload.signer.noSigningKey", file);
    }

    /** A primary key signs unless its flags say otherwise; a subkey only when its binding says it may sign. */
    private static boolean canSign(PGPSecretKeyRing ring, PGPSecretKey sk) {
        PGPPublicKey pk = sk.getPublicKey();
        for (Iterator<PGPSignature> s = pk.getSignatures(); s.hasNext(); ) {
            PGPSignature sig = s.next();
            if (sig.getHashedSubPackets() != null && sig.getHashedSubPackets().getKeyFlags() != 0) {
                return (sig.getHashedSubPackets().getKeyFlags() & org.bouncycastle.bcpg.sig.KeyFlags.SIGN_DATA) != 0;
            }
        }
        return sk.isMasterKey();
    }

    private static PGPPrivateKey unlock(PGPSecretKey sk, Supplier<Secret> passphrase, Path file) {
        try {
            if (sk.getKeyEncryptionAlgorithm() == org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags.NULL) {
                return sk.extractPrivateKey(new JcePBESecretKeyDecryptorBuilder(ReaderSupport.digests()).setProvider(PayloadWriter.BC).build(new char[0]));
            }
            Secret s = passphrase.get();
            if (s == null) throw Problem.of(Problem.Kind.AUTHENTICATION, "payload.signer.passphrase", file);
            return sk.extractPrivateKey(new JcePBESecretKeyDecryptorBuilder(ReaderSupport.digests()).setProvider(PayloadWriter.BC).build(s.chars()));
        } catch (PGPException e) {
            throw Problem.of(Problem.Kind.AUTHENTICATION, "payload.signer.passphrase", file);
        }
    }

    /** The primary key's fingerprint, as gpg shows it. */
    public String fingerprint() {
        return fingerprint;
    }

    public String userId() {
        return userId;
    }

    PGPPublicKey publicKey() {
        return publicKey;
    }

    /** The signer's public key ring alone: what a reader checks this signer's signature with. */
    public org.bouncycastle.openpgp.PGPPublicKeyRingCollection publicKeys() {
        return new org.bouncycastle.openpgp.PGPPublicKeyRingCollection(List.of(new org.bouncycastle.openpgp.PGPPublicKeyRing(ring)));
    }

    /** A signature generator over a binary document, by this key, naming it (issuer fingerprint, user ID, time). */
    PGPSignatureGenerator generator() throws PGPException {
        PGPSignatureGenerator g = new PGPSignatureGenerator(new JcaPGPContentSignerBuilder(publicKey.getAlgorithm(), HashAlgorithmTags.SHA256)
                .setProvider(PayloadWriter.BC), publicKey);
        g.init(PGPSignature.BINARY_DOCUMENT, key);
        PGPSignatureSubpacketGenerator sub = new PGPSignatureSubpacketGenerator();
        sub.setSignatureCreationTime(false, new Date());
        sub.setIssuerFingerprint(false, publicKey);
        if (!userId.isEmpty()) sub.addSignerUserID(false, userId);
        g.setHashedSubpackets(sub.generate());
        return g;
    }
}
