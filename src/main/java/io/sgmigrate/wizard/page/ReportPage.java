package io.sgmigrate.wizard.page;

import io.sgmigrate.engine.job.Jobs;
import io.sgmigrate.engine.journal.Journal;
import io.sgmigrate.engine.migrate.DockerToCompose;
import io.sgmigrate.engine.report.ReportFiles;
import io.sgmigrate.wizard.I18n;
import io.sgmigrate.wizard.ProblemView;
import io.sgmigrate.wizard.WizardModel;
import io.sgmigrate.wizard.WizardPage;
import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.Priority;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;

/** Page 7: the report (self-contained HTML and JSON, no secrets) exported to a folder, and that folder opened. */
public final class ReportPage implements WizardPage {
    private final VBox root = new VBox(10);
    private final Label where = new Label();

    public ReportPage(WizardModel model, Jobs jobs, Consumer<String> openDocument) {
        root.setId("page-report");
        Label intro = new Label(I18n.t("report.intro"));
        intro.setWrapText(true);
        TextField folder = new TextField();
        folder.setId("report-folder");
        HBox.setHgrow(folder, Priority.ALWAYS);
        model.journal.addListener((o, a, j) -> {
            if (j != null && folder.getText().isBlank()) folder.setText(j.toString().replaceAll("\\.json$", "") + "-report");
        });
        Button browse = new Button(I18n.t("report.browse"));
        browse.setId("report-browse");
        browse.setOnAction(e -> {
            java.io.File dir = new DirectoryChooser().showDialog(root.getScene().getWindow());
            if (dir != null) folder.setText(dir.getPath());
        });
        Button export = new Button(I18n.t("report.export"));
        export.setId("report-export");
        Button open = new Button(I18n.t("report.open"));
        open.setId("report-open");
        open.setDisable(true);
        where.setId("report-where");
        where.setWrapText(true);
        export.disableProperty().bind(model.journal.isNull().and(model.verifyReport.isNull()).or(folder.textProperty().isEmpty()));
        model.verifyReport.addListener((o, a, r) -> {
            if (r != null && folder.getText().isBlank()) folder.setText(System.getProperty("user.home") + "/sgmigrate-verification-report");
        });
        export.setOnAction(e -> export(model, jobs, Path.of(folder.getText().strip()), open));
        open.setOnAction(e -> openDocument.accept(((Path) open.getUserData()).toUri().toString()));
        root.getChildren().addAll(intro, new Label(I18n.t("report.folder")), new HBox(8, folder, browse), new HBox(8, export, open), where);
    }

    /** Writes the report into {@code dir}; also what "Export" does after its folder chooser. */
    private void export(WizardModel model, Jobs jobs, Path dir, Button open) {
        var fromVerify = model.task.get() == WizardModel.Task.VERIFY ? model.verifyReport.get() : null;
        var journal = model.journal.get();
        jobs.submit("report", () -> ReportFiles.write(dir, fromVerify != null ? fromVerify : reportOf(Journal.load(journal))))
                .whenComplete((html, ex) -> Platform.runLater(() -> {
                    if (ex != null) {
                        root.getChildren().add(new ProblemView(ex));
                        return;
                    }
                    where.setText(I18n.t("report.written", html));
                    open.setUserData(html.getParent());
                    open.setDisable(false);
                }));
    }

    private static io.sgmigrate.engine.report.Report reportOf(Journal j) {
        return io.sgmigrate.engine.migrate.RunFiles.isCreate(j.inputs()) ? io.sgmigrate.engine.migrate.PayloadCreate.report(j) : DockerToCompose.report(j);
    }

    @Override
    public String title() {
        return I18n.t("report.title");
    }

    @Override
    public Node content() {
        return root;
    }

    @Override
    public ObservableBooleanValue valid() {
        return Bindings.createBooleanBinding(() -> true);
    }
}
