package io.sgmigrate.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sgmigrate.engine.lab.LabEnvironment;
import io.sgmigrate.engine.shell.RemoteCommand;
import io.sgmigrate.engine.ssh.SshConnection;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Payloads made as customers make them, with the real tools: {@code pg_dump}/{@code pg_dumpall} run in the lab's
 * old container (with the flags of {@code src snapshot databases}, of the seed procedure, or a whole cluster), then
 * {@code tar} and {@code gpg} here, in a throwaway GnuPG home. The plain dumps live only in the test's folder.
 */
public final class CustomerPayloads {
    private final LabRun run;
    private final LabEnvironment lab;
    private final Path dir;
    private final Path gnupg;

    public CustomerPayloads(LabRun run, LabEnvironment lab, Path dir) throws IOException {
        this.run = run;
        this.lab = lab;
        this.dir = dir;
        this.gnupg = Files.createDirectories(dir.resolve("gnupg"));
        Files.setPosixFilePermissions(gnupg, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    }

    /** A dump of one of the old instance's databases, made in its container with {@code flags}, into {@code file}. */
    public Path dump(String database, Path file, String... flags) throws IOException {
        List<String> argv = new ArrayList<>(List.of("docker", "exec", "-i", lab.sourceContainer(), "pg_dump", "-U", "postgres"));
        argv.addAll(List.of(flags));
        argv.add(database);
        return fromSource(argv, file);
    }

    /** {@code pg_dumpall} of the old container's whole cluster. */
    public Path dumpAll(Path file) throws IOException {
        return fromSource(List.of("docker", "exec", "-i", lab.sourceContainer(), "pg_dumpall", "-U", "postgres"), file);
    }

    private Path fromSource(List<String> argv, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        try (SshConnection s = run.connect(lab.source()); OutputStream out = Files.newOutputStream(file)) {
            var r = s.stream(RemoteCommand.of(argv), null, out);
            assertEquals(0, r.exitCode(), r.stderr());
        }
        return file;
    }

    /** {@code tar} of {@code root}'s contents ({@code z} for gzip, {@code --zstd}, or plain), into {@code out}. */
    public Path tar(Path root, Path out, String compression) throws Exception {
        List<String> argv = new ArrayList<>(List.of("tar", "-c", "-f", out.toString()));
        if (compression.equals("gzip")) argv.add("-z");
        if (compression.equals("zstd")) argv.add("--zstd");
        argv.addAll(List.of("-C", root.toString(), "."));
        exec(argv, null);
        return out;
    }

    /** A key pair in the throwaway GnuPG home; returns its fingerprint. {@code passphrase} empty: an unprotected key. */
    public String newKey(String uid, String passphrase) throws Exception {
        exec(List.of("gpg", "--homedir", gnupg.toString(), "--batch", "--pinentry-mode", "loopback", "--passphrase", passphrase,
                "--quick-gen-key", uid, "ed25519", "default", "never"), null);
        String fpr = exec(List.of("gpg", "--homedir", gnupg.toString(), "--batch", "--with-colons", "--list-secret-keys", uid), null)
                .lines().filter(l -> l.startsWith("fpr:")).findFirst().orElseThrow().split(":")[9];
        exec(List.of("gpg", "--homedir", gnupg.toString(), "--batch", "--pinentry-mode", "loopback", "--passphrase", passphrase,
                "--quick-add-key", fpr, "cv25519", "encr", "never"), null);
        return fpr;
    }

    /** The keyring these keys are made in (as {@code --gnupg-home} takes it). */
    public Path keyring() {
        return gnupg;
    }

    /** Stops the keyring's gpg-agent: no passphrase stays cached from making or using a key. */
    public void forgetPassphrases() throws Exception {
        exec(List.of("gpgconf", "--homedir", gnupg.toString(), "--kill", "gpg-agent"), null);
    }

    /** The secret key, as {@code gpg --export-secret-keys --armor} writes it. */
    public Path exportSecret(String fpr, String passphrase, Path file) throws Exception {
        Files.writeString(file, exec(List.of("gpg", "--homedir", gnupg.toString(), "--batch", "--pinentry-mode", "loopback", "--passphrase", passphrase,
                "--armor", "--export-secret-keys", fpr), null));
        return file;
    }

    /** The public key, as {@code gpg --export --armor} writes it. */
    public Path exportPublic(String fpr, Path file) throws Exception {
        Files.writeString(file, exec(List.of("gpg", "--homedir", gnupg.toString(), "--batch", "--armor", "--export", fpr), null));
        return file;
    }

    /** {@code gpg --encrypt} to {@code recipient} ({@code --armor} when asked), signed by {@code signer} when not null. */
    public Path encryptTo(Path plain, Path out, String recipient, boolean armor, String signer, String signerPassphrase) throws Exception {
        List<String> argv = new ArrayList<>(List.of("gpg", "--homedir", gnupg.toString(), "--batch", "--yes", "--trust-model", "always",
                "--pinentry-mode", "loopback", "--passphrase", signerPassphrase == null ? "" : signerPassphrase, "--output", out.toString()));
        if (armor) argv.add("--armor");
        if (signer != null) argv.addAll(List.of("--sign", "--local-user", signer));
        argv.addAll(List.of("--encrypt", "--recipient", recipient, plain.toString()));
        exec(argv, null);
        return out;
    }

    /** {@code gpg --symmetric} with {@code passphrase}. */
    public Path encryptSymmetric(Path plain, Path out, String passphrase, boolean armor) throws Exception {
        List<String> argv = new ArrayList<>(List.of("gpg", "--homedir", gnupg.toString(), "--batch", "--yes", "--pinentry-mode", "loopback",
                "--passphrase", passphrase, "--output", out.toString()));
        if (armor) argv.add("--armor");
        argv.addAll(List.of("--symmetric", plain.toString()));
        exec(argv, null);
        return out;
    }

    /** {@code gpg --sign} by {@code signer} (an unprotected key), uncompressed: the archive's bytes are in the file as they are. */
    public Path signOnly(Path plain, Path out, String signer) throws Exception {
        exec(List.of("gpg", "--homedir", gnupg.toString(), "--batch", "--yes", "--pinentry-mode", "loopback", "--passphrase", "",
                "--compress-algo", "none", "--output", out.toString(), "--local-user", signer, "--sign", plain.toString()), null);
        return out;
    }

    /** Runs a local tool; fails the test with its stderr when it fails. */
    public static String exec(List<String> argv, String stdin) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(false).start();
        if (stdin != null) p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        var out = p.getInputStream().readAllBytes();
        var err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(300, TimeUnit.SECONDS)) throw new AssertionError("timed out: " + argv);
        if (p.exitValue() != 0) throw new AssertionError(String.join(" ", argv) + " failed: " + new String(err, StandardCharsets.UTF_8));
        return new String(out, StandardCharsets.UTF_8);
    }
}
