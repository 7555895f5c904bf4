package io.sgmigrate.wizard;

import io.sgmigrate.engine.lab.LabEnvironment;
import io.sgmigrate.engine.probe.HostReport;
import io.sgmigrate.engine.migrate.MigrationSettings;
import io.sgmigrate.engine.payload.Compression;
import io.sgmigrate.engine.payload.Protection;
import io.sgmigrate.engine.secret.Secret;
import io.sgmigrate.engine.ssh.SshAddress;
import io.sgmigrate.engine.ssh.SshOptions;
import java.nio.file.Path;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** The one typed model behind every page. It holds no secrets: those are asked for when needed and wiped. */
public final class WizardModel {
    /** What the person came to do. */
    public enum Task { MIGRATE, VERIFY, OPEN_JOURNAL }

    /** How to log in to the hosts: a key file, the keys ssh-agent holds, or a password asked when needed. */
    public enum Login { KEY_FILE, AGENT, PASSWORD }

    public final ObjectProperty<Login> login = new SimpleObjectProperty<>(Login.KEY_FILE);

    public final ObjectProperty<Task> task = new SimpleObjectProperty<>();
    public final StringProperty sourceAddress = new SimpleStringProperty("");
    public final StringProperty targetAddress = new SimpleStringProperty("");
    public final StringProperty identityFile = new SimpleStringProperty("");
    public final StringProperty knownHostsFile = new SimpleStringProperty("");
    public final StringProperty composeDir = new SimpleStringProperty("");
    public final ObjectProperty<HostReport> sourceReport = new SimpleObjectProperty<>();
    public final ObjectProperty<HostReport> targetReport = new SimpleObjectProperty<>();
    public final BooleanProperty darkTheme = new SimpleBooleanProperty(false);
    public final ObjectProperty<Optional<LabEnvironment>> lab = new SimpleObjectProperty<>(Optional.empty());

    /** Pre-flight's result: the plan (with its checks) of the migration as it would run now. */
    public final ObjectProperty<io.sgmigrate.engine.migrate.Plan> plan = new SimpleObjectProperty<>();
    /** The run's journal once a migration started (or was opened to resume). */
    public final ObjectProperty<Path> journal = new SimpleObjectProperty<>();
    /** Verify an instance: the baseline snapshot file, and the result once compared. */
    public final StringProperty baselineFile = new SimpleStringProperty("");
    public final ObjectProperty<io.sgmigrate.engine.report.Report> verifyReport = new SimpleObjectProperty<>();

    /** Set when the migration finished and its verification passed. */
    public final BooleanProperty migrated = new SimpleBooleanProperty(false);

    public final BooleanBinding startValid = task.isNotNull();
    public final BooleanBinding preflightPassed = Bindings.createBooleanBinding(() -> plan.get() != null
            && plan.get().checks().stream().noneMatch(c -> c.status() == io.sgmigrate.engine.migrate.Check.Status.FAIL), plan);
    public final BooleanBinding hostsValid = sourceReport.isNotNull().and(targetReport.isNotNull())
            .and(Bindings.createBooleanBinding(() -> !composeDir.get().isBlank(), composeDir));

    public WizardModel() {
        // A changed address invalidates what a previous "Test connection" proved.
        sourceAddress.addListener((o, a, b) -> sourceReport.set(null));
        targetAddress.addListener((o, a, b) -> targetReport.set(null));
        composeDir.addListener((o, a, b) -> plan.set(null));
        sourceReport.addListener((o, a, b) -> plan.set(null));
        targetReport.addListener((o, a, b) -> plan.set(null));
        identityFile.addListener((o, a, b) -> clearReports());
        login.addListener((o, a, b) -> clearReports());
        knownHostsFile.addListener((o, a, b) -> clearReports());
    }

    private void clearReports() {
        sourceReport.set(null);
        targetReport.set(null);
    }

    /** SSH options from the fields: the key file and known_hosts given, else the user's defaults (agent, ~/.ssh/config). */
    public SshOptions sshOptions() {
        SshOptions o = SshOptions.defaults();
        switch (login.get()) {
            case KEY_FILE -> o = o.withAgent(false).withPasswordAllowed(false);
            case AGENT -> o = o.withAgent(true).withPasswordAllowed(false);
            case PASSWORD -> o = o.withAgent(false).withPasswordAllowed(true);
        }
        if (login.get() == Login.KEY_FILE && !identityFile.get().isBlank()) o = o.withIdentity(expand(identityFile.get()));
        if (!knownHostsFile.get().isBlank()) o = o.withKnownHosts(expand(knownHostsFile.get()));
        return o;
    }

    private static Path expand(String p) {
        String s = p.strip();
        return s.startsWith("~/") ? Path.of(System.getProperty("user.home"), s.substring(2)) : Path.of(s);
    }

    /** What the engine needs for a migration (or its dry run) from the fields, with the payload protected by {@code passphrase}. */
    public MigrationSettings settings(Secret passphrase, Path journalFile, String protectionDescription) {
        return new MigrationSettings(SshAddress.parse(sourceAddress.get()), SshAddress.parse(targetAddress.get()), sshOptions(), composeDir.get().strip(),
                Optional.empty(), new Protection.Passphrase(passphrase), Optional.empty(), protectionDescription, Compression.ZSTD, false,
                journalFile, Optional.empty(), Optional.empty());
    }

    /** Takes up an unfinished run: its hosts and files from its journal; the run page then resumes it. */
    public void resume(Path journalFile, java.util.Map<String, String> inputs) {
        task.set(Task.MIGRATE);
        sourceAddress.set(inputs.getOrDefault("source", ""));
        targetAddress.set(inputs.getOrDefault("target", ""));
        composeDir.set(inputs.getOrDefault("composeDir", ""));
        identityFile.set(inputs.getOrDefault("identity", identityFile.get()));
        knownHostsFile.set(inputs.getOrDefault("knownHosts", knownHostsFile.get()));
        journal.set(journalFile);
    }

    /** Fills the hosts from the local lab, for a rehearsal. */
    public void useLab(LabEnvironment env) {
        task.set(Task.MIGRATE);
        sourceAddress.set(env.source());
        targetAddress.set(env.target());
        identityFile.set(env.identity().toString());
        login.set(Login.KEY_FILE);
        knownHostsFile.set(env.knownHosts().toString());
        composeDir.set(env.composeDir());
    }
}
