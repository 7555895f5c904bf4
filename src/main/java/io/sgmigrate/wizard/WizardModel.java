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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
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
    /** Optional: the old host's container (empty: found by its image) and the new host's staging dir (empty: the engine's default). */
    public final StringProperty container = new SimpleStringProperty("");
    public final StringProperty stagingDir = new SimpleStringProperty("");
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

    /**
     * While set, {@link #journal} is a run to go on with and these are its recorded run-defining inputs (keys of
     * {@link #RUN_KEYS}, blank when absent). The fields stay equal to them: any change ends the resume.
     */
    private final ReadOnlyObjectWrapper<Map<String, String>> lockedTo = new ReadOnlyObjectWrapper<>();
    public final ReadOnlyObjectProperty<Map<String, String>> resumeInputs = lockedTo.getReadOnlyProperty();
    public final BooleanBinding resuming = resumeInputs.isNotNull();
    /** True while the run page's migration runs (set by it). */
    public final BooleanProperty runActive = new SimpleBooleanProperty(false);

    /** The journal input keys that define a run, as the CLI and the run page record them. */
    public static final List<String> RUN_KEYS = List.of("source", "target", "composeDir", "container", "stagingDir");

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
        // A resumed run never goes on with other hosts or folders: changing one ends the resume.
        for (String key : RUN_KEYS) {
            runField(key).addListener((o, a, b) -> {
                Map<String, String> locked = lockedTo.get();
                if (locked != null && !locked.get(key).equals(nz(b).strip())) journal.set(null);
            });
        }
        journal.addListener((o, a, b) -> {
            if (b == null || !b.equals(lockedJournal)) lockedTo.set(null);
        });
        // Another task, or coming back to Migrate, is not this run.
        task.addListener((o, a, b) -> journal.set(null));
    }

    private Path lockedJournal;

    /** The field behind one of {@link #RUN_KEYS}. */
    public StringProperty runField(String key) {
        return switch (key) {
            case "source" -> sourceAddress;
            case "target" -> targetAddress;
            case "composeDir" -> composeDir;
            case "container" -> container;
            case "stagingDir" -> stagingDir;
            default -> throw new IllegalArgumentException(key);
        };
    }

    /** The run-defining fields as a journal records them: stripped, optional ones only when given. */
    public Map<String, String> runInputs() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String key : RUN_KEYS) {
            String v = runField(key).get().strip();
            if (!v.isEmpty() || !(key.equals("container") || key.equals("stagingDir"))) m.put(key, v);
        }
        return m;
    }

    /** The keys of {@link #RUN_KEYS} whose values differ between a journal's inputs and {@code now} (absent counts as blank). */
    public static List<String> differences(Map<String, String> recorded, Map<String, String> now) {
        List<String> differ = new ArrayList<>();
        for (String key : RUN_KEYS) {
            if (!nz(recorded.get(key)).strip().equals(nz(now.get(key)).strip())) differ.add(key);
        }
        return differ;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** Ends a resume (the fields keep their values and can be edited): the next run is a new one. */
    public void stopResuming() {
        journal.set(null);
    }

    /** The run page started a new run recorded in {@code journalFile}: from now on it is the run to go on with. */
    public void runStarted(Path journalFile) {
        lock(journalFile, runInputs());
    }

    private void lock(Path journalFile, Map<String, String> recorded) {
        Map<String, String> locked = new LinkedHashMap<>();
        for (String key : RUN_KEYS) locked.put(key, nz(recorded.get(key)).strip());
        lockedJournal = journalFile;
        lockedTo.set(Map.copyOf(locked));
        journal.set(journalFile);
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
        return settings(runInputs(), sshOptions(), passphrase, journalFile, protectionDescription);
    }

    /** The same from values taken earlier (on the FX thread), for a worker thread. */
    public static MigrationSettings settings(Map<String, String> run, SshOptions ssh, Secret passphrase, Path journalFile, String protectionDescription) {
        return new MigrationSettings(SshAddress.parse(run.get("source")), SshAddress.parse(run.get("target")), ssh, run.get("composeDir"),
                Optional.ofNullable(run.get("container")), new Protection.Passphrase(passphrase), Optional.empty(), protectionDescription,
                Compression.ZSTD, false, journalFile, Optional.ofNullable(run.get("stagingDir")), Optional.empty());
    }

    /** Takes up an unfinished run: its hosts and folders from its journal, locked while resuming; the run page then resumes it. */
    public void resume(Path journalFile, Map<String, String> inputs) {
        Objects.requireNonNull(journalFile);
        task.set(Task.MIGRATE);
        journal.set(null);
        for (String key : RUN_KEYS) runField(key).set(nz(inputs.get(key)).strip());
        identityFile.set(inputs.getOrDefault("identity", identityFile.get()));
        knownHostsFile.set(inputs.getOrDefault("knownHosts", knownHostsFile.get()));
        lock(journalFile, inputs);
    }

    /** Fills the hosts from the local lab, for a rehearsal. */
    public void useLab(LabEnvironment env) {
        task.set(Task.MIGRATE);
        journal.set(null);   // a rehearsal is a new run
        sourceAddress.set(env.source());
        targetAddress.set(env.target());
        identityFile.set(env.identity().toString());
        login.set(Login.KEY_FILE);
        knownHostsFile.set(env.knownHosts().toString());
        composeDir.set(env.composeDir());
    }
}
