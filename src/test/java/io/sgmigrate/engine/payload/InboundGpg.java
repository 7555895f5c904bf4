package io.sgmigrate.engine.payload;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The real gpg, tar, gzip and zstd, run in a private GNUPGHOME to build the files a customer sends. */
final class InboundGpg implements AutoCloseable {
    static final String ALICE_PASS = "alice key passphrase";
    static final String ALICE = "Alice Support <alice@example.com>";
    static final String BOB = "Bob Customer <bob@example.com>";
    static final String STRANGER = "Stranger <stranger@example.com>";

    final Path home;
    final Path dir;

    /** A key made here: its primary fingerprint, its encryption subkey's ID, and its exported files. */
    record Key(String fingerprint, String primaryId, String encryptionId, Path secretArmored, Path secretBinary, Path publicArmored) {}

    InboundGpg(Path dir) throws IOException {
        this.dir = dir;
        this.home = Files.createDirectories(dir.resolve("gnupg"));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
        // Keys protected with a small S2K count: generating and exporting them takes milliseconds, not seconds.
        Files.writeString(home.resolve("gpg-agent.conf"), "s2k-count 65536\n");
    }

    /** A key with an ed25519 primary and a cv25519 encryption subkey; an empty passphrase leaves it unprotected. */
    Key generate(String userId, String passphrase) throws IOException {
        run(List.of("--passphrase", passphrase, "--quick-gen-key", userId, "future-default", "default", "never"));
        String colons = run(List.of("--with-colons", "--list-keys", userId));
        Matcher fpr = Pattern.compile("(?m)^fpr:+([0-9A-F]{40}):").matcher(colons);
        if (!fpr.find()) throw new IOException("no fingerprint in " + colons);
        Matcher pub = Pattern.compile("(?m)^pub:[^:]*:[^:]*:[^:]*:([0-9A-F]{16}):").matcher(colons);
        Matcher sub = Pattern.compile("(?m)^sub:[^:]*:[^:]*:[^:]*:([0-9A-F]{16}):").matcher(colons);
        if (!pub.find() || !sub.find()) throw new IOException("no key IDs in " + colons);
        String name = userId.substring(0, userId.indexOf(' ')).toLowerCase();
        Path secAsc = dir.resolve(name + ".sec.asc");
        Path secGpg = dir.resolve(name + ".sec.gpg");
        Path pubAsc = dir.resolve(name + ".pub.asc");
        run(List.of("--passphrase", passphrase, "--armor", "--output", secAsc.toString(), "--export-secret-keys", fpr.group(1)));
        run(List.of("--passphrase", passphrase, "--output", secGpg.toString(), "--export-secret-keys", fpr.group(1)));
        run(List.of("--armor", "--output", pubAsc.toString(), "--export", fpr.group(1)));
        return new Key(fpr.group(1), pub.group(1), sub.group(1), secAsc, secGpg, pubAsc);
    }

    /** gpg with {@code args} after the batch options; returns its stdout, fails on a non-zero exit. */
    String run(List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("gpg", "--homedir", home.toString(), "--batch", "--yes", "--pinentry-mode", "loopback",
                "--trust-model", "always", "--no-tty", "--s2k-count", "65536"));
        cmd.addAll(args);
        return exec(cmd, dir);
    }

    /** Encrypts or signs {@code in} into {@code out} with gpg, {@code options} deciding how. */
    Path gpg(Path in, Path out, String... options) throws IOException {
        List<String> args = new ArrayList<>(List.of(options));
        args.addAll(List.of("--output", out.toString(), in.toString()));
        run(args);
        return out;
    }

    static String exec(List<String> cmd, Path dir) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(false);
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + cmd);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        if (p.exitValue() != 0) throw new IOException(cmd + " exited " + p.exitValue() + ": " + Files.readString(err));
        Files.deleteIfExists(err);
        return new String(out, StandardCharsets.UTF_8);
    }

    /** Runs {@code cmd} in {@code dir} and returns the file {@code made} it wrote there. */
    static Path execPath(List<String> cmd, Path dir, String made) throws IOException {
        exec(cmd, dir);
        return dir.resolve(made);
    }

    @Override
    public void close() throws IOException {
        exec(List.of("gpgconf", "--homedir", home.toString(), "--kill", "gpg-agent"), dir);
    }
}
