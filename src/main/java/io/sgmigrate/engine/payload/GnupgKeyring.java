package io.sgmigrate.engine.payload;

import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.secret.Secret;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.jcajce.JcaKeyFingerprintCalculator;

/**
 * The person's own GnuPG keyring ({@code ~/.gnupg}, {@code $GNUPGHOME} or a folder given), used through {@code gpg}
 * itself: the one secret key a file is encrypted to is exported into memory (never to a file, still protected by its
 * passphrase, which gpg is given on its standard input, never on its command line), and the keyring's public keys are
 * the known signers. A key whose secret part lives on a card cannot leave it: that is said, with what to do.
 */
public final class GnupgKeyring {
    private static final long TIMEOUT_SECONDS = 60;
    private final Optional<Path> home;
    private final String program;
    private final Map<Long, PGPSecretKeyRing> exported = new LinkedHashMap<>();
    private Map<Long, String> listed;

    /** {@code home} empty: gpg's own choice ({@code $GNUPGHOME}, else {@code ~/.gnupg}). */
    public GnupgKeyring(Optional<Path> home) {
        this(home, "gpg");
    }

    GnupgKeyring(Optional<Path> home, String program) {
        this.home = home.map(h -> h.toAbsolutePath().normalize());
        this.program = program;
    }

    /** How the keyring is named to the person. */
    public String shown() {
        return home.map(Path::toString).orElseGet(() -> Optional.ofNullable(System.getenv("GNUPGHOME")).orElse("~/.gnupg"));
    }

    /**
     * The secret key ring holding the (sub)key {@code keyId}, exported from the keyring; null when the keyring has no such
     * secret key. {@code passphrase} is asked only when gpg needs it to let the key out (it is then the key's passphrase).
     */
    public synchronized PGPSecretKeyRing secretKeyRing(long keyId, Supplier<Secret> passphrase) {
        PGPSecretKeyRing had = exported.get(keyId);
        if (had != null) return had;
        String primary = listedSecretKeys().get(keyId);
        if (primary == null) return null;
        List<String> export = List.of("--pinentry-mode", "loopback", "--passphrase-fd", "0", "--export-secret-keys", primary);
        Run r = gpg(export, null);
        if (r.wantsPassphrase()) {
            Secret s = passphrase == null ? null : passphrase.get();
            if (s == null) throw Problem.of(Problem.Kind.AUTHENTICATION, "inbound.keyPassphrase", Inbound.keyId(keyId));
            r = gpg(export, s);
            if (r.wantsPassphrase()) throw Problem.of(Problem.Kind.AUTHENTICATION, "inbound.keyPassphrase", Inbound.keyId(keyId));
        }
        if (r.out().length == 0) throw Problem.of(Problem.Kind.INPUT, "gnupg.exportFailed", Inbound.keyId(keyId), shown(), lastLine(r.err()));
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(r.out()))) {
            for (PGPSecretKeyRing ring : new PGPSecretKeyRingCollection(in, new JcaKeyFingerprintCalculator())) {
                if (ring.getSecretKey(keyId) != null) {
                    exported.put(keyId, ring);
                    return ring;
                }
            }
        } catch (IOException | PGPException | RuntimeException e) {
            throw Problem.of(Problem.Kind.INPUT, "gnupg.exportFailed", Inbound.keyId(keyId), shown(), e.getMessage()).causedBy(e);
        } finally {
            java.util.Arrays.fill(r.out(), (byte) 0);
        }
        return null;
    }

    /** Every secret key ring taken out of the keyring so far (to open the rest of a file already opened once). */
    public synchronized List<PGPSecretKeyRing> exported() {
        return List.copyOf(new java.util.LinkedHashSet<>(exported.values()));
    }

    /** The keyring's public keys: whoever the person keeps there is a known signer. */
    public PGPPublicKeyRingCollection publicKeys() {
        Run r = gpg(List.of("--export"), null);
        List<PGPPublicKeyRing> rings = new ArrayList<>();
        if (r.out().length > 0) {
            try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(r.out()))) {
                new PGPPublicKeyRingCollection(in, new JcaKeyFingerprintCalculator()).forEach(rings::add);
            } catch (IOException | PGPException | RuntimeException e) {
                throw Problem.of(Problem.Kind.INPUT, "gnupg.exportFailed", "(public keys)", shown(), e.getMessage()).causedBy(e);
            }
        }
        return new PGPPublicKeyRingCollection(rings);
    }

    /** Each secret (sub)key's ID to its primary key's fingerprint, from {@code gpg --list-secret-keys --with-colons}. */
    synchronized Map<Long, String> listedSecretKeys() {
        if (listed != null) return listed;
        Run r = gpg(List.of("--with-colons", "--fixed-list-mode", "--list-secret-keys"), null);
        Map<Long, String> ids = new LinkedHashMap<>();
        List<Long> pending = new ArrayList<>();
        String primary = null;
        boolean expectPrimaryFpr = false;
        for (String line : new String(r.out(), StandardCharsets.UTF_8).split("\n")) {
            String[] f = line.split(":", -1);
            if (f.length < 5) continue;
            if (f[0].equals("sec") || f[0].equals("ssb")) {
                if (f[0].equals("sec")) {
                    primary = null;
                    expectPrimaryFpr = true;
                }
                try {
                    pending.add(Long.parseUnsignedLong(f[4], 16));
                } catch (NumberFormatException ignored) {
                    // not a key record gpg would write
                }
            } else if (f[0].equals("fpr") && f.length > 9 && expectPrimaryFpr) {
                primary = f[9];
                expectPrimaryFpr = false;
            }
            if (primary != null) {
                for (Long id : pending) ids.put(id, primary);
                pending.clear();
            }
        }
        return listed = ids;
    }

    private record Run(byte[] out, String err) {
        /** Nothing came out because gpg needs the key's passphrase (none given, or a wrong one). */
        boolean wantsPassphrase() {
            return out.length == 0 && err.contains("passphrase");
        }
    }

    /** Runs gpg in batch mode on this keyring; {@code stdin} (wiped here after) is written to it, or nothing. */
    private Run gpg(List<String> args, Secret stdin) {
        if (home.isPresent() && !Files.isDirectory(home.get())) throw Problem.of(Problem.Kind.INPUT, "gnupg.noHome", home.get());
        List<String> argv = new ArrayList<>(List.of(program, "--batch", "--no-tty", "--quiet", "--yes"));
        home.ifPresent(h -> argv.addAll(List.of("--homedir", h.toString())));
        argv.addAll(args);
        Process p;
        try {
            p = new ProcessBuilder(argv).start();
        } catch (IOException e) {
            throw Problem.of(Problem.Kind.PRECONDITION, "gnupg.missing").causedBy(e);
        }
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                byte[] b = stdin.utf8();
                try {
                    in.write(b);
                    in.write('\n');
                } finally {
                    Secret.wipe(b);
                }
            }
        } catch (IOException ignored) {
            // gpg did not read its input; what it says tells why
        }
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw Problem.of(Problem.Kind.INPUT, "gnupg.exportFailed", "-", shown(), "gpg did not answer within " + TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw Problem.of(Problem.Kind.CANCELLED, "migrate.cancelled", "gpg");
        }
        return new Run(out.join(), new String(err.join(), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT));
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static String lastLine(String s) {
        String[] lines = s.strip().split("\n");
        return lines.length == 0 || lines[lines.length - 1].isBlank() ? "gpg gave no reason" : lines[lines.length - 1].strip();
    }
}
