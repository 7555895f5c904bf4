package io.sgmigrate.wizard.page;

import io.sgmigrate.engine.job.Jobs;
import io.sgmigrate.engine.migrate.Plan;
import io.sgmigrate.wizard.I18n;
import io.sgmigrate.wizard.ProblemView;
import io.sgmigrate.wizard.WizardModel;
import io.sgmigrate.wizard.WizardPage;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/** Page 4: what will happen, every command per host (the dry run), what moves and what is rebuilt; "Save as script". */
public final class PlanPage implements WizardPage {
    private final WizardModel model;
    private final VBox root = new VBox(10);
    private final TextArea commands = new TextArea();
    private final Label saved = new Label();
    private final Label estimate = new Label();
    private final Label moves = new Label();

    public PlanPage(WizardModel model, Jobs jobs) {
        this.model = model;
        root.setId("page-plan");
        moves.setId("plan-moves");
        moves.setWrapText(true);
        Label rebuilt = new Label(I18n.t("plan.rebuilt"));
        rebuilt.setWrapText(true);
        rebuilt.getStyleClass().add("text-muted");
        commands.setId("plan-commands");
        commands.setEditable(false);
        commands.getStyleClass().add("monospace");
        commands.setStyle("-fx-font-family: monospace;");
        VBox.setVgrow(commands, Priority.ALWAYS);
        Button save = new Button(I18n.t("plan.save"));
        save.setId("plan-save");
        saved.setId("plan-saved");
        save.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setInitialFileName("sgmigrate-plan.sh");
            java.io.File f = fc.showSaveDialog(root.getScene().getWindow());
            if (f == null) return;
            String text = model.plan.get().script(model.sourceLabel(), model.targetAddress.get());
            jobs.submit("save plan", () -> {
                try {
                    return Files.writeString(Path.of(f.getPath()), text);
                } catch (java.io.IOException ex) {
                    throw new java.io.UncheckedIOException(ex);
                }
            }).whenComplete((p, ex) -> Platform.runLater(() -> {
                if (ex != null) root.getChildren().add(new ProblemView(ex));
                else saved.setText(I18n.t("plan.saved", p));
            }));
        });
        estimate.setId("plan-estimate");
        estimate.setWrapText(true);
        root.getChildren().addAll(moves, rebuilt, estimate, commands, new HBox(10, save, saved));
        model.plan.addListener((o, a, p) -> show(p));
        show(model.plan.get());
    }

    private void show(Plan p) {
        moves.setText(I18n.t(model.task.get() == WizardModel.Task.LOAD ? "plan.moves.load" : "plan.moves"));
        commands.setText(p == null ? "" : p.render(model.sourceLabel(), model.targetAddress.get()));
        estimate.setText(p == null ? "" : I18n.t("plan.estimate", p.estimate()));
    }

    @Override
    public String title() {
        return I18n.t("plan.title");
    }

    @Override
    public Node content() {
        return root;
    }

    @Override
    public ObservableBooleanValue valid() {
        return Bindings.isNotNull(model.plan);
    }
}
