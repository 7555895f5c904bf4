package io.sgmigrate.engine.payload;

import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.secret.Secret;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.jcajce.JcaPGPObjectFactory;

/**
 * What may open and vouch for a customer's file: secret keys (from {@code gpg --export-secret-keys [--armor]}), a way
 * to ask for their passphrase (asked only when the key that fits is protected), a passphrase for a file encrypted with
 * {@code gpg -c}, the public keys of known signers, and an optional pinned signer whose signature is then required.
 * Every {@link Secret} stays the caller's: it is never wiped here.
 */
public record InboundKeys(PGPSecretKeyRingCollection secretKeys, Supplier<Secret> keyPassphrase, Secret passphrase,
                          PGPPublicKeyRingCollection signers, PGPPublicKeyRing pinnedSigner, GnupgKeyring keyring) {

    public InboundKeys {
        if (secretKeys == null) secretKeys = new PGPSecretKeyRingCollection(List.of());
        if (signers == null) signers = new PGPPublicKeyRingCollection(List.of());
        if (pinnedSigner != null && signers.getPublicKeyRing(pinnedSigner.getPublicKey().getKeyID()) == null) {
            signers = PGPPublicKeyRingCollection.addPublicKeyRing(signers, pinnedSigner);
        }
    }

    public static InboundKeys none() {
        return new InboundKeys(null, null, null, null, null, null);
    }

    /** Adds the secret keys in {@code file}, armored or binary. */
    public InboundKeys withSecretKeys(Path file) {
        PGPSecretKeyRingCollection all = secretKeys;
        for (PGPSecretKeyRing ring : readSecretKeys(file)) {
            if (all.getSecretKeyRing(ring.getSecretKey().getKeyID()) == null) all = PGPSecretKeyRingCollection.addSecretKeyRing(all, ring);
        }
        return new InboundKeys(all, keyPassphrase, passphrase, signers, pinnedSigner, keyring);
    }

    /** Asked for the secret key's passphrase when a protected key is about to be used. */
    public InboundKeys withKeyPassphrase(Supplier<Secret> ask) {
        return new InboundKeys(secretKeys, ask, passphrase, signers, pinnedSigner, keyring);
    }

    /** The passphrase of a file encrypted to a passphrase. */
    public InboundKeys withPassphrase(Secret secret) {
        return new InboundKeys(secretKeys, keyPassphrase, secret, signers, pinnedSigner, keyring);
    }

    /** Adds the public keys in {@code file} (e.g. {@code gpg --export --armor}) to the known signers. */
    public InboundKeys withSigners(Path file) {
        PGPPublicKeyRingCollection all = signers;
        for (PGPPublicKeyRing ring : readPublicKeys(file)) {
            if (all.getPublicKeyRing(ring.getPublicKey().getKeyID()) == null) all = PGPPublicKeyRingCollection.addPublicKeyRing(all, ring);
        }
        return new InboundKeys(secretKeys, keyPassphrase, passphrase, all, pinnedSigner, keyring);
    }

    /** Only a good signature by the (first) key in {@code file} is then accepted; unsigned files are refused. */
    public InboundKeys withPinnedSigner(Path file) {
        return new InboundKeys(secretKeys, keyPassphrase, passphrase, signers, readPublicKeys(file).get(0), keyring);
    }

    /** Also the secret keys of the person's GnuPG keyring (taken out one at a time, when a file needs one), and its public keys as known signers. */
    public InboundKeys withKeyring(GnupgKeyring k) {
        PGPPublicKeyRingCollection all = signers;
        for (PGPPublicKeyRing ring : k.publicKeys()) {
            if (all.getPublicKeyRing(ring.getPublicKey().getKeyID()) == null) all = PGPPublicKeyRingCollection.addPublicKeyRing(all, ring);
        }
        return new InboundKeys(secretKeys, keyPassphrase, passphrase, all, pinnedSigner, k);
    }

    /** The secret (sub)key {@code id} from the keys given, else from the keyring; null when neither has it. */
    public PGPSecretKey secretKey(long id) {
        PGPSecretKey k = secretKeys.getSecretKey(id);
        if (k != null || keyring == null) return k;
        PGPSecretKeyRing ring = keyring.secretKeyRing(id, keyPassphrase);
        return ring == null ? null : ring.getSecretKey(id);
    }

    /** The IDs of every secret key and subkey given, as 16 hex digits. */
    public List<String> secretKeyIds() {
        List<String> ids = new ArrayList<>();
        for (PGPSecretKeyRing ring : secretKeys) {
            for (Iterator<PGPSecretKey> k = ring.getSecretKeys(); k.hasNext(); ) ids.add(Inbound.keyId(k.next().getKeyID()));
        }
        return ids;
    }

    /** The secret key rings in an OpenPGP key file. */
    public static List<PGPSecretKeyRing> readSecretKeys(Path file) {
        List<Object> objects = readKeyFile(file);
        List<PGPSecretKeyRing> rings = new ArrayList<>();
        for (Object o : objects) if (o instanceof PGPSecretKeyRing r) rings.add(r);
        if (rings.isEmpty() && objects.stream().anyMatch(PGPPublicKeyRing.class::isInstance)) {
            throw Problem.of(Problem.Kind.INPUT, "inbound.keyFile.publicOnly", file);
        }
        if (rings.isEmpty()) throw Problem.of(Problem.Kind.INPUT, "inbound.keyFile.unreadable", file);
        return rings;
    }

    /** The public key rings in an OpenPGP key file; the public part of a secret key export counts too. */
    public static List<PGPPublicKeyRing> readPublicKeys(Path file) {
        List<PGPPublicKeyRing> rings = new ArrayList<>();
        for (Object o : readKeyFile(file)) {
            if (o instanceof PGPPublicKeyRing r) rings.add(r);
            if (o instanceof PGPSecretKeyRing s) {
                List<PGPPublicKey> keys = new ArrayList<>();
                s.getPublicKeys().forEachRemaining(keys::add);
                rings.add(new PGPPublicKeyRing(keys));
            }
        }
        if (rings.isEmpty()) throw Problem.of(Problem.Kind.INPUT, "inbound.keyFile.unreadable", file);
        return rings;
    }

    private static List<Object> readKeyFile(Path file) {
        List<Object> objects = new ArrayList<>();
        try (InputStream in = PGPUtil.getDecoderStream(new BufferedInputStream(Files.newInputStream(file)))) {
            JcaPGPObjectFactory f = new JcaPGPObjectFactory(in);
            for (Object o; (o = f.nextObject()) != null; ) {
                if (!(o instanceof PGPSecretKeyRing) && !(o instanceof PGPPublicKeyRing)) {
                    throw Problem.of(Problem.Kind.INPUT, "inbound.keyFile.unreadable", file);
                }
                objects.add(o);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof Problem p) throw p;
            throw Problem.of(Problem.Kind.INPUT, "inbound.keyFile.unreadable", file).causedBy(e);
        }
        return objects;
    }

    @Override
    public String toString() {
        return "InboundKeys[secretKeys=" + secretKeyIds() + ", passphrase=" + (passphrase != null) + ", pinned=" + (pinnedSigner != null) + ", keyring=" + (keyring == null ? "none" : keyring.shown()) + "]";
    }
}
