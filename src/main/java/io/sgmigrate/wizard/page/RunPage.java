package io.sgmigrate.wizard.page;

import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.job.Jobs;
import io.sgmigrate.engine.journal.Journal;
import io.sgmigrate.engine.migrate.MigrationRun;
import io.sgmigrate.engine.migrate.MigrationListener;
import io.sgmigrate.engine.migrate.RunFiles;
import io.sgmigrate.engine.migrate.Step;
import io.sgmigrate.engine.secret.Secret;
import io.sgmigrate.wizard.FxPrompter;
import io.sgmigrate.wizard.I18n;
import io.sgmigrate.wizard.ProblemView;
import io.sgmigrate.wizard.WizardModel;
import io.sgmigrate.wizard.WizardPage;
import io.sgmigrate.wizard.WizardProblem;
import io.sgmigrate.engine.ssh.SshOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javafx.application.Platform;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Page 5: the migration itself. Steps as a live checklist with durations, one progress bar with bytes, speed and
 * time left, the live log (filterable, copyable), Cancel at any point, and on a failure what happened, what state
 * each host is in, and Resume. Everything runs on the engine's executor; the FX thread only shows.
 */
public final class RunPage implements WizardPage {
    private final WizardModel model;
    private final Jobs jobs;
    private final FxPrompter prompter;
    private final VBox root = new VBox(10);
    private final StepChecklist steps = new StepChecklist("run-steps", "step-");
    private final ProgressBar bar = new ProgressBar(0);
    private final Label progress = new Label();
    private final ObservableList<String> log = FXCollections.observableArrayList();
    private final VBox outcome = new VBox(6);
    private final Button cancel = new Button(I18n.t("run.cancel"));
    private final Button resume = new Button(I18n.t("run.resume"));
    private volatile MigrationRun running;
    private boolean started;
    /** The journal of the run this page started or resumed last. */
    private Path current;

    public RunPage(WizardModel model, Jobs jobs, FxPrompter prompter) {
        this.model = model;
        this.jobs = jobs;
        this.prompter = prompter;
        root.setId("page-run");
        bar.setId("run-progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.setMinHeight(12);
        progress.setId("run-progress-text");
        outcome.setId("run-outcome");
        cancel.setId("run-cancel");
        resume.setId("run-resume");
        resume.setVisible(false);
        resume.managedProperty().bind(resume.visibleProperty());
        cancel.setOnAction(e -> {
            MigrationRun m = running;
            if (m != null) {
                cancel.setDisable(true);
                jobs.submit("cancel", () -> {
                    m.cancel();
                    return null;
                });
            }
        });
        resume.setOnAction(e -> start(true));
        // The run was given up (a new run chosen, another journal resumed): the next visit starts afresh, never resumes the old one.
        model.journal.addListener((o, was, now) -> {
            if (running == null && started && !java.util.Objects.equals(now, current)) {
                started = false;
                resume.setVisible(false);
            }
        });

        TextField filter = new TextField();
        filter.setId("log-filter");
        filter.setPromptText(I18n.t("run.filter"));
        FilteredList<String> shown = new FilteredList<>(log);
        filter.textProperty().addListener((o, a, f) -> shown.setPredicate(f == null || f.isBlank() ? null : l -> l.toLowerCase().contains(f.toLowerCase())));
        ListView<String> logView = new ListView<>(shown);
        logView.setId("run-log");
        logView.setPrefHeight(160);
        VBox.setVgrow(logView, Priority.ALWAYS);
        Button copy = new Button(I18n.t("run.copy"));
        copy.setId("log-copy");
        copy.setOnAction(e -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(String.join("\n", shown));   // log lines never hold secrets
            Clipboard.getSystemClipboard().setContent(c);
        });
        HBox.setHgrow(filter, Priority.ALWAYS);
        root.getChildren().addAll(steps, bar, progress, outcome, new HBox(8, cancel, resume), new HBox(8, filter, copy), logView);
    }

    /** Whether a migration is running now. */
    public boolean running() {
        return running != null;
    }

    /** Cancels the running migration, if any (the window is closing); it stays resumable. */
    public void cancelIfRunning() {
        MigrationRun m = running;
        if (m != null) m.cancel();
    }

    @Override
    public void shown() {
        if (!started) start(model.journal.get() != null);   // a journal in the model means a run to resume (no file I/O on the FX thread)
    }

    /** Starts the migration, or resumes the one in the model's journal (only with the hosts and folders it records). */
    private void start(boolean resuming) {
        started = true;
        outcome.getChildren().clear();
        resume.setVisible(false);
        cancel.setDisable(false);
        steps.clear();
        steps.layout(Step.order(false));
        if (resuming && model.journal.get() == null) {
            cancel.setDisable(true);
            outcome.getChildren().setAll(new ProblemView(new WizardProblem("run.resume.none", null)));
            return;
        }
        // Taken here, on the FX thread: the worker never reads the fields.
        boolean load = model.task.get() == WizardModel.Task.LOAD;
        Map<String, String> run = model.runInputs();
        Map<String, String> recordedInputs = model.journalInputs();
        SshOptions ssh = model.sshOptions();
        String identity = model.identityFile.get();
        String knownHosts = model.knownHostsFile.get();
        Path journalFile = resuming ? model.journal.get() : RunFiles.newJournal(model.targetAddress.get().replaceAll(".*@", "").replaceAll(":.*", ""));
        current = journalFile;
        if (!resuming) model.runStarted(journalFile);
        model.runActive.set(true);
        MigrationListener fx = new LiveSteps(steps, log, bar, progress, false);
        // A load is built here from the fields; its passphrase copy is wiped when the job ends.
        WizardModel.Launch loading = load ? model.load(journalFile, prompter, fx) : null;
        jobs.submit(load ? "load" : "migration", () -> {
            Path keyFile = RunFiles.keyFile(journalFile);
            // One run per journal: held for the whole migration, released when the job ends (the verify page takes it after).
            try (io.sgmigrate.engine.journal.JournalLock held = Journal.lock(journalFile)) {
                // Never resume a journal recorded for other hosts or folders, however the fields came to differ.
                Journal recorded = resuming ? Journal.load(journalFile) : null;
                if (recorded != null) refuseIfDifferent(journalFile, recorded.inputs(), run);
                Map<String, String> inputs = new java.util.LinkedHashMap<>(recordedInputs);
                if (loading == null) inputs.put("keyFile", keyFile.toString());
                inputs.put("identity", identity);
                inputs.put("knownHosts", knownHosts);
                inputs.put("front", "wizard");
                if (loading != null) {
                    Journal journal = recorded != null ? recorded : Journal.create(journalFile, journalFile.getFileName().toString(), inputs);
                    running = loading.run();
                    return loading.run().run(journal);
                }
                // A migration's payload opens with the run's own passphrase, kept owner-only beside the journal.
                try (Secret pass = resuming || Files.exists(keyFile) ? RunFiles.readPassphrase(keyFile) : RunFiles.newPassphrase(keyFile)) {
                    Journal journal = recorded != null ? recorded : Journal.create(journalFile, journalFile.getFileName().toString(), inputs);
                    Platform.runLater(() -> log.add(I18n.t("run.key", keyFile)));
                    MigrationRun m = WizardModel.migration(run, ssh, pass, journalFile, "key file " + keyFile, prompter, fx);
                    running = m;
                    return m.run(journal);
                }
            } finally {
                if (loading != null) loading.done().run();
            }
        }).whenComplete((v, ex) -> Platform.runLater(() -> {
            running = null;
            model.runActive.set(false);
            cancel.setDisable(true);
            if (ex == null) {
                bar.setProgress(1);
                Label done = new Label(I18n.t(load ? "run.done.load" : "run.done", v.tables(), v.rows()));
                done.setId("run-done");
                done.getStyleClass().add("success");
                done.setWrapText(true);
                outcome.getChildren().setAll(done);
                model.migrated.set(true);
                if (load) model.forgetSecrets();   // loaded: the payload's passphrases are no longer needed
            } else {
                outcome.getChildren().setAll(new ProblemView(ex));
                Problem p = Problem.in(ex);
                String hostState = p == null ? "" : p.hostState();
                if (!hostState.isEmpty()) {
                    Label state = new Label(hostState.replace(" New host:", "\nNew host:"));
                    state.setId("run-host-state");
                    state.setWrapText(true);
                    outcome.getChildren().add(state);
                }
                // Resume only the run the model still holds, and not one that was refused for its hosts.
                if (WizardProblem.in(ex) == null && journalFile.equals(model.journal.get())) {
                    resume.setVisible(true);
                } else if (!journalFile.equals(model.journal.get())) {
                    started = false;
                }
            }
        }));
    }

    private static void refuseIfDifferent(Path journalFile, Map<String, String> recorded, Map<String, String> now) {
        List<String> differ = WizardModel.differences(recorded, now);
        if (differ.isEmpty()) return;
        StringBuilder detail = new StringBuilder();
        for (String key : differ) {
            if (detail.length() > 0) detail.append('\n');
            detail.append(I18n.t("run.resume.mismatch.detail", key, recorded.getOrDefault(key, ""), now.getOrDefault(key, "")));
        }
        throw new WizardProblem("run.resume.mismatch", detail.toString(), journalFile.getFileName());
    }

    @Override
    public String title() {
        return I18n.t(model.task.get() == WizardModel.Task.LOAD ? "run.title.load" : "run.title");
    }

    @Override
    public Node content() {
        return root;
    }

    @Override
    public ObservableBooleanValue valid() {
        return model.migrated;
    }
}
