package io.sgmigrate.wizard;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import io.sgmigrate.engine.AppInfo;
import io.sgmigrate.engine.job.Jobs;
import io.sgmigrate.engine.lab.LabEnvironment;
import io.sgmigrate.wizard.page.HostsPage;
import io.sgmigrate.wizard.page.OpenJournalPage;
import io.sgmigrate.wizard.page.PayloadPage;
import io.sgmigrate.wizard.page.VerdictPage;
import io.sgmigrate.wizard.page.VerifyInstancePage;
import io.sgmigrate.wizard.page.PlanPage;
import io.sgmigrate.wizard.page.PreflightPage;
import io.sgmigrate.wizard.page.ReportPage;
import io.sgmigrate.wizard.page.RunPage;
import io.sgmigrate.wizard.page.VerifyPage;
import io.sgmigrate.wizard.page.StartPage;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The wizard window: one model, its pages in order, and the frame that moves between them. */
public final class WizardApp extends Application {
    private Jobs jobs;
    private final Path prefsFile;

    public WizardApp() {
        this(WizardPrefs.file());
    }

    /** A wizard that remembers its settings in {@code prefsFile} (tests use their own). */
    public WizardApp(Path prefsFile) {
        this.prefsFile = prefsFile;
    }

    @Override
    public void start(Stage stage) {
        jobs = new Jobs();
        WizardModel model = new WizardModel();
        // Is the local lab up? (read off the FX thread; an unreadable lab.env only hides the rehearsal offer)
        jobs.submit("find the lab", LabEnvironment::find).thenAccept(lab -> javafx.application.Platform.runLater(() -> model.lab.set(lab)));
        applyTheme(model.darkTheme.get());
        model.darkTheme.addListener((o, a, dark) -> applyTheme(dark));

        FxPrompter prompter = new FxPrompter(stage);
        StartPage startPage = new StartPage(model);
        RunPage runPage = new RunPage(model, jobs, prompter);
        VerifyPage verifyPage = new VerifyPage(model, jobs, prompter, this::openDocument);
        ReportPage reportPage = new ReportPage(model, jobs, this::openDocument);
        PreflightPage preflightPage = new PreflightPage(model, jobs, prompter);
        PlanPage planPage = new PlanPage(model, jobs);
        List<WizardPage> migrate = List.of(startPage, new HostsPage(model, jobs, prompter), preflightPage, planPage, runPage, verifyPage, reportPage);
        List<WizardPage> load = List.of(startPage, new PayloadPage(model), new VerdictPage(model, jobs, prompter), new HostsPage(model, jobs, prompter, false),
                preflightPage, planPage, runPage, verifyPage, reportPage);
        io.sgmigrate.wizard.page.CreateRunPage createRun = new io.sgmigrate.wizard.page.CreateRunPage(model, jobs, prompter);
        List<WizardPage> create = List.of(startPage, HostsPage.sourceOnly(model, jobs, prompter), new io.sgmigrate.wizard.page.CreatePage(model, jobs),
                preflightPage, createRun, reportPage);
        List<WizardPage> verify = List.of(startPage, new VerifyInstancePage(model, jobs, prompter), verifyPage, reportPage);
        List<WizardPage> journal = List.of(startPage, new OpenJournalPage(model, jobs), verifyPage, reportPage);
        java.util.function.Supplier<List<WizardPage>> pages = () -> model.task.get() == WizardModel.Task.VERIFY ? verify
                : model.task.get() == WizardModel.Task.OPEN_JOURNAL ? journal : model.task.get() == WizardModel.Task.LOAD ? load
                : model.task.get() == WizardModel.Task.CREATE ? create : migrate;
        java.util.function.BooleanSupplier busy = () -> runPage.running() || createRun.running();
        WizardFrame frame = new WizardFrame(model, pages, () -> {
            if (confirmClose(stage, busy)) stage.close();
        });
        stage.setOnCloseRequest(e -> {
            if (!confirmClose(stage, busy)) e.consume();
        });
        // However the window goes, a running migration is cancelled cleanly (journalled, resumable), never cut off;
        // the window size and the last hosts (never a secret) are remembered.
        stage.setOnHidden(e -> {
            runPage.cancelIfRunning();
            createRun.cancelIfRunning();
            model.forgetSecrets();
            WizardPrefs p = WizardPrefs.of(model, stage.getWidth(), stage.getHeight());
            jobs.submit("remember", () -> {
                p.save(prefsFile);
                return null;
            });
        });
        jobs.submit("recall", () -> WizardPrefs.load(prefsFile)).thenAccept(p -> javafx.application.Platform.runLater(() -> {
            p.applyTo(model);
            stage.setWidth(Math.max(stage.getMinWidth(), p.width()));
            stage.setHeight(Math.max(stage.getMinHeight(), p.height()));
        }));
        // An unfinished run from before (a closed window, a crash): offer to take it up.
        jobs.submit("find unfinished run", () -> io.sgmigrate.engine.migrate.RunFiles.newestJournal(WizardModel::resumable)
                        .map(io.sgmigrate.engine.journal.Journal::load).filter(j -> io.sgmigrate.engine.migrate.RunFiles.unfinishedStep(j).isPresent()))
                .whenComplete((found, ex) -> {
                    if (ex == null && found.isPresent()) {
                        var j = found.get();
                        javafx.application.Platform.runLater(() -> startPage.offerResume(j.file(), j.inputs(), io.sgmigrate.engine.migrate.RunFiles.unfinishedStep(j).get()));
                    }
                });
        Scene scene = new Scene(frame, 980, 680);
        stage.setTitle(I18n.t("app.title", AppInfo.version()));
        stage.setMinWidth(820);   // the page's 760, plus the compact rail
        stage.setMinHeight(520);
        stage.setScene(scene);
        stage.show();
    }

    /** Closing during a migration cancels it: say so and ask. */
    private static boolean confirmClose(Stage stage, java.util.function.BooleanSupplier running) {
        if (!running.getAsBoolean()) return true;
        javafx.scene.control.Alert a = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.CONFIRMATION, I18n.t("close.running"),
                javafx.scene.control.ButtonType.OK, javafx.scene.control.ButtonType.CANCEL);
        a.initOwner(stage);
        a.setHeaderText(I18n.t("close.title"));
        return a.showAndWait().orElse(javafx.scene.control.ButtonType.CANCEL) == javafx.scene.control.ButtonType.OK;
    }

    private void openDocument(String uri) {
        try {
            getHostServices().showDocument(uri);
        } catch (RuntimeException e) {
            // No desktop to open it with (a headless run): the path is shown on the page anyway.
        }
    }

    private static void applyTheme(boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
    }

    @Override
    public void stop() {
        if (jobs != null) jobs.close();
    }
}
