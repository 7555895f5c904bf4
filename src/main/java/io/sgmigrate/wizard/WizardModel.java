package io.sgmigrate.wizard;

import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.inspect.PayloadInspection;
import io.sgmigrate.engine.inspect.PayloadKeys;
import io.sgmigrate.engine.payload.GnupgKeyring;
import io.sgmigrate.engine.lab.LabEnvironment;
import io.sgmigrate.engine.migrate.DockerToCompose;
import io.sgmigrate.engine.migrate.LoadSettings;
import io.sgmigrate.engine.migrate.MigrationListener;
import io.sgmigrate.engine.migrate.MigrationRun;
import io.sgmigrate.engine.migrate.PayloadLoad;
import io.sgmigrate.engine.migrate.RunFiles;
import io.sgmigrate.engine.migrate.SiteConfigEdit;
import io.sgmigrate.engine.migrate.TargetSettings;
import io.sgmigrate.engine.prompt.Prompter;
import io.sgmigrate.engine.prompt.SecretQuestion;
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
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The one typed model behind every page. Its only secrets are a load's passphrases, held as {@link Secret}, wiped when
 * replaced, when the task changes and when the window closes; every other secret is asked for when needed and wiped.
 */
public final class WizardModel {
    /** What the person came to do. */
    public enum Task { MIGRATE, LOAD, CREATE, VERIFY, OPEN_JOURNAL }

    /** How a customer's payload opens: a secret key file, a passphrase (gpg -c), or nothing (an unencrypted archive). */
    public enum Opening { SECRET_KEY, GNUPG, PASSPHRASE, NONE }

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
    public static final List<String> RUN_KEYS = List.of("source", "target", "composeDir", "container", "sourceComposeDir", "stagingDir");

    /** Set when the migration finished and its verification passed. */
    public final BooleanProperty migrated = new SimpleBooleanProperty(false);

    public final BooleanBinding startValid = task.isNotNull();
    public final BooleanBinding preflightPassed = Bindings.createBooleanBinding(() -> plan.get() != null
            && plan.get().checks().stream().noneMatch(c -> c.status() == io.sgmigrate.engine.migrate.Check.Status.FAIL), plan);
    /** The new host alone: tested, and its compose folder given (a load has no old host). */
    public final BooleanBinding targetValid = targetReport.isNotNull().and(Bindings.createBooleanBinding(() -> !composeDir.get().isBlank(), composeDir));
    public final BooleanBinding hostsValid = sourceReport.isNotNull().and(targetValid);

    /** Load a customer's payload: the file, what opens it, the customer's public key (optional) and a new externalURL (optional). */
    public final StringProperty payloadFile = new SimpleStringProperty("");
    public final ObjectProperty<Opening> opening = new SimpleObjectProperty<>(Opening.SECRET_KEY);
    public final StringProperty secretKeyFile = new SimpleStringProperty("");
    /** The GnuPG keyring folder for {@link Opening#GNUPG}; blank: gpg's own ($GNUPGHOME, else ~/.gnupg). */
    public final StringProperty gnupgHome = new SimpleStringProperty("");
    public final StringProperty signerFile = new SimpleStringProperty("");
    public final StringProperty externalUrl = new SimpleStringProperty("");
    /** The payload's passphrase, given on the payload page (the model's own; wiped when replaced or forgotten). */
    private final ReadOnlyObjectWrapper<Secret> passphrase = new ReadOnlyObjectWrapper<>();
    public final ReadOnlyObjectProperty<Secret> payloadPassphrase = passphrase.getReadOnlyProperty();
    /** A protected secret key's passphrase, asked once in a dialog from a worker thread. */
    private final java.util.concurrent.atomic.AtomicReference<Secret> keyPassphrase = new java.util.concurrent.atomic.AtomicReference<>();
    /** The verdict page's reading of the payload. */
    public final ObjectProperty<PayloadInspection> inspection = new SimpleObjectProperty<>();
    /** The same reading with what it holds in memory (site configuration, summary): pre-flight and the run take it as theirs. */
    private volatile io.sgmigrate.engine.inspect.PayloadInspector.Found firstReading;
    /** Why the new externalURL is refused, or empty (also when none is given). */
    public final StringBinding externalUrlProblem = Bindings.createStringBinding(() -> {
        if (externalUrl.get().isBlank()) return "";
        try {
            SiteConfigEdit.externalUrl(externalUrl.get());
            return "";
        } catch (Problem p) {
            return p.what();
        }
    }, externalUrl);
    public final BooleanBinding payloadValid = Bindings.createBooleanBinding(() -> !payloadFile.get().isBlank() && externalUrlProblem.get().isEmpty()
            && switch (opening.get()) {
                case SECRET_KEY -> !secretKeyFile.get().isBlank();
                case GNUPG -> true;
                case PASSPHRASE -> passphrase.get() != null;
                case NONE -> true;
            }, payloadFile, opening, secretKeyFile, passphrase, externalUrlProblem);
    /** Prepare a payload for support: the instance (a container, or instead a compose folder on the old host), who opens it, where it goes. */
    public final StringProperty sourceComposeDir = new SimpleStringProperty("");
    public final javafx.collections.ObservableList<String> recipientFiles = javafx.collections.FXCollections.observableArrayList();
    public final StringProperty outFile = new SimpleStringProperty("");
    public final StringProperty signWithFile = new SimpleStringProperty("");
    public final BooleanProperty armored = new SimpleBooleanProperty(false);
    public final BooleanProperty notice = new SimpleBooleanProperty(false);
    public final BooleanProperty managedInstance = new SimpleBooleanProperty(false);
    /** The create's pre-flight checks once they all ran (null until then, or after a field changed). */
    public final ObjectProperty<List<io.sgmigrate.engine.migrate.Check>> createChecks = new SimpleObjectProperty<>();
    /** What the create wrote and proved. */
    public final ObjectProperty<io.sgmigrate.engine.migrate.PayloadCreate.Created> created = new SimpleObjectProperty<>();
    public final BooleanBinding sourceValid = sourceReport.isNotNull();
    public final BooleanBinding createValid = Bindings.createBooleanBinding(() -> !recipientFiles.isEmpty() && !outFile.get().isBlank(), recipientFiles, outFile);
    public final BooleanBinding createPreflightPassed = Bindings.createBooleanBinding(() -> createChecks.get() != null
            && createChecks.get().stream().noneMatch(c -> c.status() == io.sgmigrate.engine.migrate.Check.Status.FAIL), createChecks);

    public final BooleanBinding verdictPassed = Bindings.createBooleanBinding(() -> inspection.get() != null && inspection.get().passed(), inspection);

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
        // What opens the payload, or the payload, changed: it must be read again, and planned again.
        for (javafx.beans.value.ObservableValue<?> in : List.of(payloadFile, opening, secretKeyFile, gnupgHome, signerFile, passphrase)) {
            in.addListener((o, a, b) -> inspection.set(null));
        }
        secretKeyFile.addListener((o, a, b) -> forget(keyPassphrase.getAndSet(null)));
        gnupgHome.addListener((o, a, b) -> forget(keyPassphrase.getAndSet(null)));
        opening.addListener((o, a, b) -> forget(keyPassphrase.getAndSet(null)));
        inspection.addListener((o, a, b) -> plan.set(null));
        inspection.addListener((o, a, b) -> {
            if (b == null || firstReading != null && firstReading.inspection() != b) firstReading = null;
        });
        externalUrl.addListener((o, a, b) -> plan.set(null));
        // Any field of the create changes what pre-flight proved.
        for (javafx.beans.Observable in : List.of(sourceAddress, sourceReport, container, sourceComposeDir, recipientFiles, outFile, signWithFile,
                armored, notice, managedInstance, login, identityFile, knownHostsFile)) {
            in.addListener(o -> createChecks.set(null));
        }
        task.addListener((o, a, b) -> {
            if (a == Task.LOAD) forgetSecrets();
            plan.set(null);
        });
    }

    private Path lockedJournal;

    /** The field behind one of {@link #RUN_KEYS}. */
    public StringProperty runField(String key) {
        return switch (key) {
            case "source" -> sourceAddress;
            case "target" -> targetAddress;
            case "composeDir" -> composeDir;
            case "container" -> container;
            case "sourceComposeDir" -> sourceComposeDir;
            case "stagingDir" -> stagingDir;
            default -> throw new IllegalArgumentException(key);
        };
    }

    /** The run-defining fields as a journal records them: stripped, optional ones only when given. */
    public Map<String, String> runInputs() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String key : RUN_KEYS) {
            String v = runField(key).get().strip();
            if (!v.isEmpty() || !(key.equals("container") || key.equals("sourceComposeDir") || key.equals("stagingDir"))) m.put(key, v);
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
    /**
     * Whether the wizard can take up a run with these journal inputs: a load that put a site configuration file in
     * place ({@code --site-config}) is the command line's to resume, as the wizard has no such field.
     */
    public static boolean resumable(Map<String, String> inputs) {
        return !inputs.isEmpty() && !inputs.containsKey("siteConfig") && !io.sgmigrate.engine.migrate.RunFiles.isCreate(inputs);
    }

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

    /** Takes up an unfinished run (a migration, or a load: then its payload file and externalURL too): its hosts and folders from its journal, locked while resuming; the run page then resumes it. */
    public void resume(Path journalFile, Map<String, String> inputs) {
        Objects.requireNonNull(journalFile);
        boolean load = inputs.containsKey("payload");
        task.set(load ? Task.LOAD : Task.MIGRATE);
        journal.set(null);
        for (String key : RUN_KEYS) runField(key).set(nz(inputs.get(key)).strip());
        if (load) {
            // The file and the URL as recorded; what opens the file is given again (no key or passphrase is ever journalled).
            payloadFile.set(inputs.get("payload"));
            externalUrl.set(nz(inputs.get("externalURL")));
        }
        identityFile.set(inputs.getOrDefault("identity", identityFile.get()));
        knownHostsFile.set(inputs.getOrDefault("knownHosts", knownHostsFile.get()));
        lock(journalFile, inputs);
    }

    /** Keeps {@code s} as the payload's passphrase (the model owns it now), wiping the one before; null forgets it. */
    public void givePassphrase(Secret s) {
        Secret was = passphrase.get();
        passphrase.set(s);
        forget(was);
    }

    /** Wipes the payload's and the secret key's passphrases (the load is over, the task changed, the window closes). */
    public void forgetSecrets() {
        givePassphrase(null);
        forget(keyPassphrase.getAndSet(null));
    }

    /** A refused key passphrase is not asked for again silently: the next reading asks anew. */
    public void forgetKeyPassphrase() {
        forget(keyPassphrase.getAndSet(null));
    }

    private static void forget(Secret s) {
        if (s != null) s.close();
    }

    /**
     * What opens the payload, from the fields now (on the FX thread). The passphrase is a copy the caller wipes with
     * {@link #wipe}; a protected key's passphrase is asked through {@code prompter} the first time it is needed.
     */
    public PayloadKeys payloadKeys(Prompter prompter) {
        List<Path> keys = opening.get() == Opening.SECRET_KEY && !secretKeyFile.get().isBlank() ? List.of(expand(secretKeyFile.get())) : List.of();
        Secret pass = opening.get() == Opening.PASSPHRASE && passphrase.get() != null ? Secret.adopt(passphrase.get().chars().clone()) : null;
        Optional<Path> signer = signerFile.get().isBlank() ? Optional.empty() : Optional.of(expand(signerFile.get()));
        Optional<GnupgKeyring> keyring = opening.get() != Opening.GNUPG ? Optional.empty()
                : Optional.of(new GnupgKeyring(gnupgHome.get().isBlank() ? Optional.empty() : Optional.of(expand(gnupgHome.get()))));
        String keyShown = PayloadKeys.keyShown(keys, keyring);
        return new PayloadKeys(keys, () -> {
            Secret held = keyPassphrase.get();
            if (held != null) return held;
            Secret s = prompter.secret(new SecretQuestion(SecretQuestion.Kind.KEY_PASSPHRASE, keyShown)).exceptionally(e -> null).join();
            if (s == null) throw new WizardProblem("load.keyPassphrase.none", null, keyShown);
            if (!keyPassphrase.compareAndSet(null, s)) s.close();
            return keyPassphrase.get();
        }, Optional.ofNullable(pass), signer.map(List::of).orElse(List.of()), signer, keyring);
    }

    /** Wipes the passphrase copy in {@code keys} (from {@link #payloadKeys}). */
    public static void wipe(PayloadKeys keys) {
        keys.passphrase().ifPresent(Secret::close);
    }

    public Path payloadPath() {
        return expand(payloadFile.get());
    }

    /** The run's source as the plan names it: the old host, or the payload file here. */
    public String sourceLabel() {
        return task.get() == Task.LOAD ? payloadPath().toAbsolutePath().toString() : sourceAddress.get();
    }

    /** The run-defining fields as a journal records them, and for a load the payload and the new externalURL. */
    public Map<String, String> journalInputs() {
        Map<String, String> m = runInputs();
        if (task.get() == Task.LOAD) {
            m.put("payload", payloadPath().toAbsolutePath().toString());
            if (!externalUrl.get().isBlank()) m.put("externalURL", externalUrl.get().strip());
        }
        return m;
    }

    /** The verdict page read the payload: {@code found} is the reading, shown from now on. */
    public void verdictRead(io.sgmigrate.engine.inspect.PayloadInspector.Found found) {
        firstReading = found;
        inspection.set(found.inspection());
    }

    /**
     * The load from the fields now (on the FX thread; the engine reads nothing until it runs), into {@code journalFile}.
     * Its keys hold a passphrase copy: wipe them with {@link #wipe} once the run is over.
     */
    public Launch load(Path journalFile, Prompter prompter, MigrationListener listener) {
        TargetSettings t = new TargetSettings(SshAddress.parse(targetAddress.get().strip()), sshOptions(), composeDir.get().strip(), Optional.empty(),
                false, Optional.empty(), journalFile);
        Optional<SiteConfigEdit> configure = externalUrl.get().isBlank() ? Optional.empty() : Optional.of(SiteConfigEdit.externalUrl(externalUrl.get()));
        PayloadKeys keys = payloadKeys(prompter);
        Optional<io.sgmigrate.engine.inspect.PayloadInspector.Found> read = Optional.ofNullable(firstReading)
                .filter(r -> inspection.get() == r.inspection() && Path.of(r.inspection().file()).normalize().equals(payloadPath().toAbsolutePath().normalize()));
        return new Launch(new PayloadLoad(new LoadSettings(payloadPath(), keys, t, configure, read), prompter, listener), () -> wipe(keys));
    }

    /** The task's run for pre-flight: a dry run writes nothing anywhere, so a migration's throwaway passphrase will do. */
    public Launch dryRun(Prompter prompter, MigrationListener listener) {
        Path journalFile = RunFiles.newJournal("dry-run");
        if (task.get() == Task.LOAD) return load(journalFile, prompter, listener);
        Secret pass = Secret.adopt("dry-run".toCharArray());
        return new Launch(migration(runInputs(), sshOptions(), pass, journalFile, "dry run", prompter, listener), pass::close);
    }

    /** A run, and what to do once it is over (wipe its secrets). */
    public record Launch(MigrationRun run, Runnable done) {}

    /**
     * A migration's run, its payload protected by {@code passphrase}: {@link DockerToCompose} from the old host's container,
     * or {@link io.sgmigrate.engine.migrate.ComposeToCompose} when the old host's Compose folder is given.
     */
    public static MigrationRun migration(Map<String, String> run, SshOptions ssh, Secret passphrase, Path journalFile, String protectionDescription,
                                         Prompter prompter, MigrationListener listener) {
        MigrationSettings s = settings(run, ssh, passphrase, journalFile, protectionDescription);
        String from = nz(run.get("sourceComposeDir")).strip();
        return from.isEmpty() ? new DockerToCompose(s, prompter, listener) : new io.sgmigrate.engine.migrate.ComposeToCompose(s, from, prompter, listener);
    }

    /**
     * The create from the fields now (on the FX thread; files are read only when it runs): recipients' keys, where the
     * file goes, the options; a protected signing key's passphrase is asked through {@code prompter} when it is read.
     */
    public java.util.function.Supplier<io.sgmigrate.engine.migrate.PayloadCreate> create(Prompter prompter, MigrationListener listener) {
        return create(prompter, listener, true);
    }

    /** As above; {@code sign} false for a dry run, which signs nothing and so asks for no key passphrase. */
    public java.util.function.Supplier<io.sgmigrate.engine.migrate.PayloadCreate> create(Prompter prompter, MigrationListener listener, boolean sign) {
        SshAddress src = SshAddress.parse(sourceAddress.get().strip());
        SshOptions ssh = sshOptions();
        Optional<String> named = container.get().isBlank() ? Optional.empty() : Optional.of(container.get().strip());
        Optional<String> dir = sourceComposeDir.get().isBlank() ? Optional.empty() : Optional.of(sourceComposeDir.get().strip());
        List<Path> keys = recipientFiles.stream().map(WizardModel::expand).toList();
        Path out = expand(outFile.get());
        Optional<Path> signWith = signWithFile.get().isBlank() || !sign ? Optional.empty() : Optional.of(expand(signWithFile.get()));
        boolean armor = armored.get();
        boolean managed = managedInstance.get();
        Optional<String> withNotice = notice.get() ? Optional.of(io.sgmigrate.engine.notice.MigrationNotice.DEFAULT_MESSAGE) : Optional.empty();
        return () -> {
            List<Protection> to = keys.stream().<Protection>map(Protection::recipientFromFile).toList();
            Secret[] asked = new Secret[1];
            Optional<io.sgmigrate.engine.payload.Signer> signer;
            try {
                signer = signWith.map(f -> io.sgmigrate.engine.payload.Signer.fromSecretKeyFile(f, () -> {
                    asked[0] = prompter.secret(new SecretQuestion(SecretQuestion.Kind.KEY_PASSPHRASE, f.toString())).exceptionally(e -> null).join();
                    if (asked[0] == null) throw new WizardProblem("load.keyPassphrase.none", null, f.toString());
                    return asked[0];
                }));
            } finally {
                // The key is unlocked (or refused): its passphrase is not kept.
                forget(asked[0]);
            }
            return new io.sgmigrate.engine.migrate.PayloadCreate(new io.sgmigrate.engine.migrate.CreateSettings(src, ssh, named, dir, to, out, armor,
                    Compression.ZSTD, managed, withNotice, signer, false), prompter, listener);
        };
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
