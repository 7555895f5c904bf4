package io.sgmigrate.engine.payload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.engine.Messages;
import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.secret.Secret;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.jcajce.JcaKeyFingerprintCalculator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** payload create --sign-with: the customer's signature inside the encryption, as gpg checks it and as sgmigrate's reader does. */
class SignedPayloadTest {
    @TempDir
    static Path dir;
    static InboundGpg gpg;
    static InboundGpg.Key customer;
    static InboundGpg.Key support;
    static InboundGpg.Key stranger;

    @BeforeAll
    static void keys() throws Exception {
        gpg = new InboundGpg(dir);
        customer = gpg.generate(InboundGpg.BOB, "bob's key passphrase");
        support = gpg.generate(InboundGpg.ALICE, "");
        stranger = gpg.generate(InboundGpg.STRANGER, "");
    }

    @AfterAll
    static void close() throws Exception {
        gpg.close();
    }

    private static byte[] signedPayload(byte[] data) throws Exception {
        Signer signer = Signer.fromSecretKeyFile(customer.secretArmored(), () -> Secret.adopt("bob's key passphrase".toCharArray()));
        assertEquals(customer.fingerprint(), signer.fingerprint());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PayloadWriter w = new PayloadWriter(out, List.of(Protection.recipientFromFile(support.publicArmored())), signer, Compression.ZSTD, 4096, true, null)) {
            w.readme("signed\n");
            w.addMember("dumps/sourcegraph.sql", new ByteArrayInputStream(data));
            w.finish();
        }
        return out.toByteArray();
    }

    private static PGPPublicKeyRingCollection publicKeys(Path file) throws Exception {
        try (InputStream in = PGPUtil.getDecoderStream(Files.newInputStream(file))) {
            return new PGPPublicKeyRingCollection(in, new JcaKeyFingerprintCalculator());
        }
    }

    private static PayloadReader.Unlock supportKey() throws Exception {
        try (InputStream in = PGPUtil.getDecoderStream(Files.newInputStream(support.secretArmored()))) {
            return new PayloadReader.Unlock.SecretKeys(new org.bouncycastle.openpgp.PGPSecretKeyRingCollection(in, new JcaKeyFingerprintCalculator()), null);
        }
    }

    @Test
    void gpgSaysWhoSignedItAndTheReaderChecksItByTheSignersKey() throws Exception {
        byte[] data = new byte[50_000];
        new Random(4).nextBytes(data);
        Path file = Files.write(dir.resolve("signed.payload.asc"), signedPayload(data));
        // gpg decrypts with support's key and checks the signature with the customer's public key in its keyring.
        String status = InboundGpg.exec(List.of("gpg", "--homedir", gpg.home.toString(), "--batch", "--trust-model", "always", "--status-fd", "1",
                "--output", dir.resolve("signed.tar").toString(), "--decrypt", file.toString()), dir);
        assertTrue(status.contains("[GNUPG:] GOODSIG") && status.contains("[GNUPG:] VALIDSIG " + customer.fingerprint()), status);

        PayloadReader.Proven p = PayloadReader.read(new ByteArrayInputStream(Files.readAllBytes(file)), supportKey(), m -> OutputStream.nullOutputStream(),
                publicKeys(customer.publicArmored()));
        Inbound.Signature.SignedKnown known = assertInstanceOf(Inbound.Signature.SignedKnown.class, p.signature());
        assertEquals(customer.fingerprint(), known.fingerprint());
        // Without the signer's key it is named, not checked; an unsigned payload says so.
        assertInstanceOf(Inbound.Signature.SignedUnknown.class, PayloadReader.read(new ByteArrayInputStream(Files.readAllBytes(file)), supportKey(),
                m -> OutputStream.nullOutputStream(), publicKeys(stranger.publicArmored())).signature());
    }

    @Test
    void aSignatureOverOtherBytesIsRefusedAndItsSinksAreNeverClosed() throws Exception {
        Signer signer = Signer.fromSecretKeyFile(customer.secretArmored(), () -> Secret.adopt("bob's key passphrase".toCharArray()));
        List<PayloadReaderTest.Entry> parts = List.of(PayloadReaderTest.part("members/dumps/a.sql/part-000001", PayloadReaderTest.bytes(100, 1)));
        byte[] tar = PayloadReaderTest.tar(parts, PayloadReaderTest.manifestOf(parts));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream enc = PayloadReaderTest.encryptor().open(out, new byte[4096])) {
            var sig = signer.generator();
            sig.generateOnePassVersion(false).encode(enc);
            PayloadReaderTest.writeLiteral(enc, "payload.tar", tar);
            sig.update(tar);
            sig.update((byte) 0);   // one byte that was never sent
            sig.generate().encode(enc);
        }
        List<String> calls = new java.util.ArrayList<>();
        class Restore extends OutputStream implements Abortable {
            final String member;

            Restore(String member) {
                this.member = member;
            }

            @Override
            public void write(int b) {}

            @Override
            public void close() {
                calls.add("close " + member);
            }

            @Override
            public void abort() {
                calls.add("abort " + member);
            }
        }
        Problem p = assertThrows(Problem.class, () -> PayloadReader.read(new ByteArrayInputStream(out.toByteArray()), PayloadReaderTest.unlock(),
                Restore::new, publicKeys(customer.publicArmored())));
        assertEquals(Messages.get("inbound.badSignature.what", String.format("%016X", signer.publicKey().getKeyID())), p.what());
        assertEquals(List.of("abort dumps/a.sql"), calls, "a restore of a badly signed payload is aborted, never completed");
    }

    @Test
    void aWrongSignerPassphraseOrAFileWithoutASecretKeyIsOneClearMessage() {
        Problem p = assertThrows(Problem.class, () -> Signer.fromSecretKeyFile(customer.secretArmored(), () -> Secret.adopt("wrong".toCharArray())));
        assertEquals(Messages.get("payload.signer.passphrase.what", customer.secretArmored()), p.what());
        Problem none = assertThrows(Problem.class, () -> Signer.fromSecretKeyFile(customer.publicArmored(), () -> null));
        assertEquals(Messages.get("payload.signer.unreadable.what", customer.publicArmored()), none.what());
    }
}
