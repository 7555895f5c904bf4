package io.sgmigrate.wizard.page;

import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.job.Jobs;
import io.sgmigrate.engine.journal.Journal;
import io.sgmigrate.engine.journal.JournalLock;
import io.sgmigrate.engine.migrate.MigrationListener;
import io.sgmigrate.engine.migrate.PayloadCreate;
import io.sgmigrate.engine.migrate.RunFiles;
import io.sgmigrate.engine.migrate.Step;
import io.sgmigrate.wizard.FxPrompter;
import io.sgmigrate.wizard.I18n;
import io.sgmigrate.wizard.ProblemView;
import io.sgmigrate.wizard.WizardModel;
import io.sgmigrate.wizard.WizardPage;
import javafx.application.Platform;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Prepare a payload, the run: its steps as a live checklist, progress with bytes, speed and time left, the live log,
 * Cancel; then the verdict of what was written and read back, and the line for the support ticket (file, size,
 * SHA-256, recipients, signer), to copy. A run that stopped can be started again: it starts the file over.
 */
public final class CreateRunPage implements WizardPage {
    private final WizardModel model;
    private final Jobs jobs;
    private final FxPrompter prompter;
    private final VBox root = new VBox(10);
    private final StepChecklist steps = new StepChecklist("create-steps", "create-step-");
    private final ProgressBar bar = new ProgressBar(0);
    private final Label progress = new Label();
    private final ObservableList<String> log = FXCollections.observableArrayList();
    private final VBox outcome = new VBox(6);
    private final Button cancel = new Button(I18n.t("create.cancel"));
    private final Button again = new Button(I18n.t("create.again"));
    private volatile PayloadCreate running;
    private boolean started;

    public CreateRunPage(WizardModel model, Jobs jobs, FxPrompter prompter) {
        this.model = model;
        this.jobs = jobs;
        this.prompter = prompter;
        root.setId("page-create-run");
        bar.setId("create-progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.setMinHeight(12);
        progress.setId("create-progress-text");
        outcome.setId("create-outcome");
        cancel.setId("create-cancel");
        cancel.setMnemonicParsing(true);
        again.setId("create-again");
        again.setMnemonicParsing(true);
        again.setVisible(false);
        again.managedProperty().bind(again.visibleProperty());
        cancel.setOnAction(e -> {
            PayloadCreate c = running;
            if (c != null) {
                cancel.setDisable(true);
                jobs.submit("cancel", () -> {
                    c.cancel();
                    return null;
                });
            }
        });
        again.setOnAction(e -> start());
        ListView<String> logView = new ListView<>(log);
        logView.setId("create-log");
        logView.setPrefHeight(100);
        VBox.setVgrow(logView, Priority.ALWAYS);
        VBox top = new VBox(10, steps, bar, progress, outcome, new HBox(8, cancel, again));
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(top);
        scroll.setFitToWidth(true);
        scroll.setPrefViewportHeight(330);
        root.getChildren().addAll(scroll, logView);
        // Another create (a field changed before pre-flight ran again) is a new run when this page is shown next.
        model.createChecks.addListener((o, a, b) -> {
            if (running == null && b == null) started = false;
        });
    }

    /** Whether a create runs now. */
    public boolean running() {
        return running != null;
    }

    /** Stops a running create (the window is closing): nothing is left under the file's name. */
    public void cancelIfRunning() {
        PayloadCreate c = running;
        if (c != null) c.cancel();
    }

    @Override
    public void shown() {
        if (!started) start();
    }

    @SuppressWarnings("try") // the journal's lock is held, not used
    private void start() {
        started = true;
        model.created.set(null);
        outcome.getChildren().clear();
        log.clear();
        again.setVisible(false);
        cancel.setDisable(false);
        bar.setProgress(0);
        progress.setText("");
        steps.clear();
        steps.layout(Step.createOrder(model.notice.get()));
        MigrationListener fx = new LiveSteps(steps, log, bar, progress, true);
        java.util.function.Supplier<PayloadCreate> create = model.create(prompter, fx);
        model.runActive.set(true);
        String host = model.sourceAddress.get().strip();
        jobs.submit("payload create", () -> {
            PayloadCreate c = create.get();
            running = c;
            // Recorded like a CLI run (steps, checks, the file's SHA-256; never a secret): the report page reads it.
            java.nio.file.Path file = RunFiles.newCreateJournal(io.sgmigrate.engine.ssh.SshAddress.parse(host).host());
            try (JournalLock held = Journal.lock(file)) {
                Journal journal = Journal.create(file, file.getFileName().toString(), c.inputs());
                Platform.runLater(() -> model.journal.set(file));
                return c.run(journal);
            }
        }).whenComplete((c, ex) -> Platform.runLater(() -> {
            running = null;
            model.runActive.set(false);
            cancel.setDisable(true);
            if (ex == null) {
                bar.setProgress(1);
                done(c);
            } else {
                outcome.getChildren().setAll(new ProblemView(ex));
                Problem p = Problem.in(ex);
                if (p != null && !p.hostState().isEmpty()) {
                    Label state = new Label(p.hostState().replace(" This machine:", "\nThis machine:"));
                    state.setId("create-host-state");
                    state.setWrapText(true);
                    outcome.getChildren().add(state);
                }
                again.setVisible(true);
            }
        }));
    }

    /** The verdict, the warnings to read, the handover line to copy, and how to take the notice out again. */
    private void done(PayloadCreate.Created c) {
        model.created.set(c);
        Label verdict = wrapped(I18n.t("create.done", c.file(), c.manifest().members().size()));
        verdict.setId("create-done");
        verdict.getStyleClass().add("success");
        outcome.getChildren().setAll(verdict);
        if (!c.warnings().isEmpty()) {
            Label w = wrapped(I18n.t("create.warnings", c.warnings().size(), String.join("; ", c.warnings().stream().map(x -> x.name()).toList())));
            w.getStyleClass().add("warning");
            outcome.getChildren().add(w);
        }
        TextArea handover = new TextArea(c.handover());
        handover.setId("create-handover");
        handover.setEditable(false);
        handover.setWrapText(true);
        handover.setPrefRowCount(3);
        Button copy = new Button(I18n.t("create.copy"));
        copy.setId("copy-handover");
        copy.setMnemonicParsing(true);
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(c.handover());   // file, size, SHA-256 and key fingerprints: nothing secret
            Clipboard.getSystemClipboard().setContent(content);
        });
        outcome.getChildren().addAll(new Label(I18n.t("create.handover")), handover, copy);
        if (c.noticeShown()) {
            javafx.scene.control.TextField command = new javafx.scene.control.TextField(io.sgmigrate.engine.notice.MigrationNotice.removeCommand(
                    model.sourceAddress.get().strip(),
                    java.util.Optional.of(model.container.get().strip()).filter(x -> !x.isEmpty() && model.sourceComposeDir.get().isBlank()),
                    java.util.Optional.of(model.sourceComposeDir.get().strip()).filter(x -> !x.isEmpty()),
                    io.sgmigrate.engine.notice.MigrationNotice.DEFAULT_MESSAGE));
            command.setId("create-notice-command");
            command.setEditable(false);
            outcome.getChildren().addAll(wrapped(I18n.t("create.noticeShown")), command);
        }
    }

    /** A label that wraps and grows to its text's height (a label in a VBox would otherwise cut it with an ellipsis). */
    private static Label wrapped(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        return l;
    }

    @Override
    public String title() {
        return I18n.t("create.run.title");
    }

    @Override
    public Node content() {
        return root;
    }

    @Override
    public ObservableBooleanValue valid() {
        return model.created.isNotNull();
    }
}
