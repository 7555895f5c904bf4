package io.sgmigrate.wizard;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sgmigrate.engine.ssh.SshAddress;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * What the wizard remembers between runs: window size, theme and the last hosts and files. Never a secret: there
 * is no field for one, and an address is kept only when it parses (a {@code user:password@} one does not). Kept
 * owner-only in {@code ~/.sgmigrate/wizard.json}; read and written off the FX thread.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WizardPrefs(double width, double height, boolean dark, String source, String target, String composeDir, String identity,
                          String knownHosts, String login) {
    static final WizardPrefs DEFAULT = new WizardPrefs(980, 680, false, "", "", "", "", "", "KEY_FILE");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Both ways (saving and loading), an address that does not parse becomes empty. */
    public WizardPrefs {
        source = address(source);
        target = address(target);
    }

    public static Path file() {
        return Path.of(System.getProperty("user.home"), ".sgmigrate", "wizard.json");
    }

    /** The remembered settings, or the defaults when there are none or the file is unreadable. */
    public static WizardPrefs load(Path file) {
        try {
            return Files.exists(file) ? JSON.readValue(file.toFile(), WizardPrefs.class) : DEFAULT;
        } catch (IOException e) {
            return DEFAULT;
        }
    }

    /** Writes a private temp file beside {@code file} and renames it over, so the file is 0600 whatever it was. */
    public void save(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            if (!Files.isDirectory(dir)) Files.createDirectories(dir, ownerOnly("rwx------"));
            tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp", ownerOnly("rw-------"));
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(java.nio.ByteBuffer.wrap(JSON.writeValueAsBytes(this)));
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // Remembering is a convenience: a read-only home only means the fields start empty next time.
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // nothing more to do
                }
            }
        }
    }

    private static FileAttribute<?>[] ownerOnly(String mode) {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(mode))}
                : new FileAttribute<?>[0];
    }

    /** {@code text} when it is an address sgmigrate accepts, else empty (never a typo or a password to disk). */
    static String address(String text) {
        if (text == null || text.isBlank()) return "";
        try {
            SshAddress.parse(text);   // refuses user:password@ too
            return text.strip();
        } catch (RuntimeException notAnAddress) {
            return "";
        }
    }

    public static WizardPrefs of(WizardModel m, double width, double height) {
        return new WizardPrefs(width, height, m.darkTheme.get(), m.sourceAddress.get(), m.targetAddress.get(), m.composeDir.get(),
                m.identityFile.get(), m.knownHostsFile.get(), m.login.get().name());
    }

    /** Fills the model's empty fields (a rehearsal or a resume chosen meanwhile wins; a resume's fields are its journal's). */
    public void applyTo(WizardModel m) {
        if (!m.resuming.get()) {
            if (m.sourceAddress.get().isEmpty()) m.sourceAddress.set(nz(source));
            if (m.targetAddress.get().isEmpty()) m.targetAddress.set(nz(target));
            if (m.composeDir.get().isEmpty()) m.composeDir.set(nz(composeDir));
        }
        if (m.identityFile.get().isEmpty()) m.identityFile.set(nz(identity));
        if (m.knownHostsFile.get().isEmpty()) m.knownHostsFile.set(nz(knownHosts));
        m.darkTheme.set(dark);
        if (login != null) {
            try {
                m.login.set(WizardModel.Login.valueOf(login));
            } catch (IllegalArgumentException unknown) {
                // a newer or edited file: keep the default
            }
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
