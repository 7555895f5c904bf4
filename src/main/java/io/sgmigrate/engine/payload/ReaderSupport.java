package io.sgmigrate.engine.payload;

import io.sgmigrate.engine.Problem;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.function.IntFunction;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.bouncycastle.bcpg.AEADEncDataPacket;
import org.bouncycastle.bcpg.SymmetricEncIntegrityPacket;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyUtils;
import org.bouncycastle.openpgp.PGPDataValidationException;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPBEEncryptedData;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKeyEncryptedData;
import org.bouncycastle.openpgp.PGPSessionKey;
import org.bouncycastle.openpgp.operator.PGPDataDecryptor;
import org.bouncycastle.openpgp.operator.PGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.SessionKeyDataDecryptorFactory;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPDigestCalculatorProviderBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcePBEDataDecryptorFactoryBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcePublicKeyDataDecryptorFactoryBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JceSessionKeyDataDecryptorFactoryBuilder;

/** What {@link PayloadReader} and {@link Inbound} both need to read OpenPGP and tar safely. */
final class ReaderSupport {
    /** Tar headers of one entry (padding, header blocks, pax records, GNU long names) may take this much at most. */
    static final int MAX_HEADER_BYTES = 64 * 1024;

    private ReaderSupport() {}

    static PGPDigestCalculatorProvider digests() throws PGPException {
        return new JcaPGPDigestCalculatorProviderBuilder().setProvider(PayloadWriter.BC).build();
    }

    /** The data of {@code pk}, decrypted with {@code key}'s part of its session key (content as {@link #content}). */
    static InputStream dataStream(PGPPublicKeyEncryptedData pk, PGPPrivateKey key) throws PGPException {
        PGPSessionKey session = pk.getSessionKey(new JcePublicKeyDataDecryptorFactoryBuilder().setProvider(PayloadWriter.BC).build(key));
        return pk.getDataStream(content(session));
    }

    /**
     * Decrypts a message's content with {@code key}: AES in CFB mode with an integrity packet (what gpg 2.2 writes) by the
     * JDK's AES, which uses the processor's AES instructions; anything else by Bouncy Castle. Bouncy Castle's own AES
     * was a fifth of a payload load's CPU.
     */
    static SessionKeyDataDecryptorFactory content(PGPSessionKey key) {
        SessionKeyDataDecryptorFactory bc = new JceSessionKeyDataDecryptorFactoryBuilder().setProvider(PayloadWriter.BC).build(key);
        SessionKeyDataDecryptorFactory jdk = new JceSessionKeyDataDecryptorFactoryBuilder().setProvider("SunJCE").build(key);
        return new SessionKeyDataDecryptorFactory() {
            @Override
            public PGPSessionKey getSessionKey() {
                return bc.getSessionKey();
            }

            @Override
            public PGPDataDecryptor createDataDecryptor(boolean withIntegrityPacket, int algorithm, byte[] k) throws PGPException {
                boolean aes = algorithm == SymmetricKeyAlgorithmTags.AES_128 || algorithm == SymmetricKeyAlgorithmTags.AES_192
                        || algorithm == SymmetricKeyAlgorithmTags.AES_256;
                return (withIntegrityPacket && aes ? jdk : bc).createDataDecryptor(withIntegrityPacket, algorithm, k);
            }

            @Override
            public PGPDataDecryptor createDataDecryptor(AEADEncDataPacket packet, PGPSessionKey s) throws PGPException {
                return bc.createDataDecryptor(packet, s);
            }

            @Override
            public PGPDataDecryptor createDataDecryptor(SymmetricEncIntegrityPacket packet, PGPSessionKey s) throws PGPException {
                return bc.createDataDecryptor(packet, s);
            }
        };
    }

    /** Why no encrypted-data packet opened: a passphrase that did not fit, or only methods that cannot be used here. */
    static final class Attempts {
        boolean mismatch;
        PGPException unsupported;

        void unsupported(PGPException e) {
            if (unsupported == null) unsupported = e;
        }
    }

    /**
     * The decrypted data of {@code pbe}, or null when {@code passphrase} does not open it. A wrong passphrase shows as a
     * session key that makes no sense or fails the quick check; Bouncy Castle reports both like an unsupported
     * algorithm, so the session key is recovered first and judged here.
     */
    @SuppressWarnings("deprecation") // its replacement (PGPSessionKeyEncryptedData) skips the quick check
    static InputStream tryPassphrase(PGPPBEEncryptedData pbe, char[] passphrase, Attempts attempts) throws PGPException {
        PGPSessionKey key;
        try {
            key = pbe.getSessionKey(new JcePBEDataDecryptorFactoryBuilder(digests()).setProvider(PayloadWriter.BC).build(passphrase));
        } catch (PGPException e) {
            // Version 4 derives the key with the packet's own algorithms, whatever the passphrase; later versions also check it.
            if (pbe.getVersion() > 4) attempts.mismatch = true;
            else attempts.unsupported(e);
            return null;
        }
        if (!plausible(key)) {
            attempts.mismatch = true;
            return null;
        }
        try {
            return pbe.getDataStream(content(key));
        } catch (PGPDataValidationException quickCheckFailed) {
            attempts.mismatch = true;
        } catch (PGPException e) {
            attempts.unsupported(e);
        }
        return null;
    }

    /** A known symmetric algorithm with a key of its length: what a session key decrypted with a wrong passphrase rarely is. */
    private static boolean plausible(PGPSessionKey key) {
        try {
            return key.getKey().length == SymmetricKeyUtils.getKeyLengthInOctets(key.getAlgorithm());
        } catch (IllegalArgumentException unknownAlgorithm) {
            return false;
        }
    }

    /** A plain file, type '0' or NUL: not a link, device, FIFO, contiguous or sparse file. */
    static boolean regular(TarArchiveEntry e) {
        byte type = e.getLinkFlag();
        return (type == TarArchiveEntry.LF_NORMAL || type == TarArchiveEntry.LF_OLDNORM) && !e.isSparse() && !e.isDirectory();
    }

    /** An error that says the data stopped early (an end of file inside a packet, a tar entry, a compressed frame). */
    static boolean eofLike(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EOFException) return true;
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("truncated") || m.contains("premature end") || m.contains("unexpected end")) return true;
        }
        return false;
    }

    static boolean onlyZeros(InputStream in) throws IOException {
        byte[] buf = new byte[8192];
        for (int n; (n = in.read(buf)) != -1; ) {
            for (int i = 0; i < n; i++) if (buf[i] != 0) return false;
        }
        return true;
    }

    /** What may follow an ASCII armor's end line: line ends and blanks. */
    static boolean onlyWhitespace(InputStream in) throws IOException {
        for (int b; (b = in.read()) != -1; ) {
            if (b != '\n' && b != '\r' && b != ' ' && b != '\t') return false;
        }
        return true;
    }

    /**
     * Bounds what the tar reader may take while it finds the next entry: padding, header blocks, pax records and
     * GNU long names together. The tar reader keeps pax records and long names in memory whole, so a larger one
     * is refused while it is read, before more than {@link #MAX_HEADER_BYTES} is held.
     */
    static final class HeaderBudget extends FilterInputStream {
        private final IntFunction<Problem> tooBig;
        private long left = Long.MAX_VALUE;

        /** @param tooBig the problem to raise, given the limit in bytes */
        HeaderBudget(InputStream in, IntFunction<Problem> tooBig) {
            super(in);
            this.tooBig = tooBig;
        }

        TarArchiveEntry nextEntry(TarArchiveInputStream tar) throws IOException {
            left = MAX_HEADER_BYTES;
            try {
                return tar.getNextEntry();
            } finally {
                left = Long.MAX_VALUE;
            }
        }

        private int allowed(long wanted) {
            if (left == 0 && wanted > 0) throw tooBig.apply(MAX_HEADER_BYTES);
            return (int) Math.min(wanted, left);
        }

        @Override
        public int read() throws IOException {
            allowed(1);
            int b = in.read();
            if (b >= 0 && left != Long.MAX_VALUE) left--;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, allowed(len));
            if (n > 0 && left != Long.MAX_VALUE) left -= n;
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = in.skip(allowed(Math.min(n, Integer.MAX_VALUE)));
            if (skipped > 0 && left != Long.MAX_VALUE) left -= skipped;
            return skipped;
        }

        @Override
        public void close() {
            // what follows the tar (padding, the end of its container) is checked by the caller
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        @Override
        public void mark(int limit) {}

        @Override
        public void reset() throws IOException {
            throw new IOException("mark/reset not supported");
        }
    }
}
