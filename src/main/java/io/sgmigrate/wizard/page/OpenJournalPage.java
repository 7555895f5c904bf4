package io.sgmigrate.wizard.page;

import io.sgmigrate.engine.job.Jobs;
import io.sgmigrate.engine.journal.Journal;
import io.sgmigrate.engine.migrate.RunFiles;
import io.sgmigrate.wizard.I18n;
import io.sgmigrate.wizard.ProblemView;
import io.sgmigrate.wizard.WizardModel;
import io.sgmigrate.wizard.WizardPage;
import java.nio.file.Path;
import java.util.Optional;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/** Open a previous migration's journal: its steps at a glance; a finished one goes on to its verification and report, an unfinished one can be resumed. */
public final class OpenJournalPage implements WizardPage {
    private final WizardModel model;
    private final VBox root = new VBox(10);
    private final VBox summary = new VBox(4);
    private final SimpleObjectProperty<Journal> loaded = new SimpleObjectProperty<>();

    public OpenJournalPage(WizardModel model, Jobs jobs) {
        this.model = model;
        root.setId("page-open-journal");
        TextField file = new TextField();
        file.setId("field-journal");
        file.setPromptText(RunFiles.runsFolder().resolve("….json").toString());
        HBox.setHgrow(file, Priority.ALWAYS);
        Button browse = new Button(I18n.t("verifyInstance.browse"));
        browse.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setInitialDirectory(RunFiles.runsFolder().toFile().isDirectory() ? RunFiles.runsFolder().toFile() : null);
            java.io.File f = fc.showOpenDialog(root.getScene().getWindow());
            if (f != null) file.setText(f.getPath());
        });
        Button open = new Button(I18n.t("journal.open"));
        open.setId("journal-open");
        open.disableProperty().bind(file.textProperty().isEmpty());
        summary.setId("journal-summary");
        open.setOnAction(e -> {
            summary.getChildren().clear();
            loaded.set(null);
            Path p = Path.of(file.getText().strip());
            jobs.submit("open journal", () -> Journal.load(p)).whenComplete((j, ex) -> Platform.runLater(() -> {
                if (ex != null) {
                    summary.getChildren().add(new ProblemView(ex));
                    return;
                }
                show(j);
            }));
        });
        jobs.submit("newest journal", RunFiles::newestJournal).thenAccept(p -> Platform.runLater(() -> {
            if (file.getText().isEmpty()) p.ifPresent(x -> file.setText(x.toString()));
        }));
        root.getChildren().addAll(new Label(I18n.t("journal.file")), new HBox(8, file, browse, open), summary);
    }

    private void show(Journal j) {
        for (Journal.Step s : j.steps()) {
            Label l = new Label(s.state + "  " + s.id + (s.error != null ? ": " + s.error : ""));
            l.setWrapText(true);
            summary.getChildren().add(l);
        }
        Optional<String> unfinished = RunFiles.unfinishedStep(j);
        if (unfinished.isPresent()) {
            Label un = new Label(I18n.t("journal.unfinished", unfinished.get()));
            un.setWrapText(true);
            summary.getChildren().add(un);
            if (WizardModel.resumable(j.inputs())) {
                Button resume = new Button(I18n.t(j.inputs().containsKey("payload") ? "start.resume.useLoad" : "start.resume.use"));
                resume.setId("journal-resume");
                resume.setOnAction(e -> model.resume(j.file(), j.inputs()));
                summary.getChildren().add(resume);
            } else {
                Label cli = new Label(I18n.t("journal.resumeOnCommandLine", j.file()));
                cli.setId("journal-resume-cli");
                cli.setWrapText(true);
                summary.getChildren().add(cli);
            }
        } else {
            Label done = new Label(I18n.t("journal.finished"));
            done.setId("journal-finished");
            summary.getChildren().add(done);
        }
        model.journal.set(j.file());
        loaded.set(j);
    }

    @Override
    public String title() {
        return I18n.t("journal.title");
    }

    @Override
    public Node content() {
        return root;
    }

    @Override
    public ObservableBooleanValue valid() {
        return Bindings.isNotNull(loaded);
    }
}
