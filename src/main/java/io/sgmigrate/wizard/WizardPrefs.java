package io.sgmigrate.wizard;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * What the wizard remembers between runs: window size, theme and the last hosts and files. Never a secret: there
 * is no field for one. Kept in {@code ~/.sgmigrate/wizard.json}; read and written off the FX thread.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WizardPrefs(double width, double height, boolean dark, String source, String target, String composeDir, String identity,
                          String knownHosts, String login) {
    static final WizardPrefs DEFAULT = new WizardPrefs(980, 680, false, "", "", "", "", "", "KEY_FILE");
    private static final ObjectMapper JSON = new ObjectMapper();

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

    public void save(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writeValue(tmp.toFile(), this);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // Remembering is a convenience: a read-only home only means the fields start empty next time.
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
