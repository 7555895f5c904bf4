package io.sgmigrate.wizard.page;

import io.sgmigrate.wizard.I18n;
import io.sgmigrate.wizard.WizardModel;
import io.sgmigrate.wizard.WizardModel.Task;
import io.sgmigrate.wizard.WizardPage;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.VBox;

/** Page 1: what to do; and, when the local lab is up, a one-click rehearsal with every field filled in. */
public final class StartPage implements WizardPage {
    private final WizardModel model;
    private final VBox root = new VBox(12);

    /** Offers to resume {@code journal}, an unfinished migration or load (called once it was found, on the FX thread). */
    public void offerResume(java.nio.file.Path journal, java.util.Map<String, String> inputs, String unfinishedStep) {
        boolean load = inputs.containsKey("payload");
        Label l = new Label(load ? I18n.t("start.resume.foundLoad", inputs.get("payload"), inputs.getOrDefault("target", "?"), unfinishedStep, journal)
                : I18n.t("start.resume.found", inputs.getOrDefault("target", "?"), unfinishedStep, journal));
        l.setId("resume-found");
        l.setWrapText(true);
        Button b = new Button(I18n.t(load ? "start.resume.useLoad" : "start.resume.use"));
        b.setId("resume-run");
        b.setOnAction(e -> model.resume(journal, inputs));
        VBox box = new VBox(6, l, b);
        box.getStyleClass().add("resume-offer");
        root.getChildren().add(1, box);
    }

    private final javafx.scene.control.TitledPane upgradeTool = UpgradeTool.create();
    private final javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane();

    public StartPage(WizardModel model) {
        this.model = model;
        root.setId("page-start");
        Label intro = new Label(I18n.t("start.intro"));
        intro.setWrapText(true);
        ToggleGroup group = new ToggleGroup();
        root.getChildren().add(intro);
        for (Task t : Task.values()) {
            RadioButton b = new RadioButton(I18n.t("start.task." + t.name()));
            b.setId("task-" + t.name().toLowerCase(java.util.Locale.ROOT));
            b.setUserData(t);
            b.setToggleGroup(group);
            b.setMnemonicParsing(true);
            Label help = new Label(I18n.t("start.task." + t.name() + ".help"));
            help.getStyleClass().add("text-muted");
            help.setWrapText(true);
            VBox option = new VBox(2, b, help);
            root.getChildren().add(option);
            if (model.task.get() == t) b.setSelected(true);
        }
        group.selectedToggleProperty().addListener((o, a, sel) -> model.task.set(sel == null ? null : (Task) sel.getUserData()));
        model.task.addListener((o, a, t) -> group.getToggles().forEach(tg -> tg.setSelected(tg.getUserData() == t)));

        root.getChildren().add(upgradeTool);
        model.lab.get().ifPresent(this::offerLab);
        model.lab.addListener((o, a, lab) -> lab.ifPresent(this::offerLab));
    }

    private void offerLab(io.sgmigrate.engine.lab.LabEnvironment lab) {
        if (root.lookup("#use-lab") != null) return;
        Label l = new Label(I18n.t("start.lab.found", lab.source(), lab.target(), lab.get("LAB_VERSION").orElse("?")));
        l.setWrapText(true);
        Button rehearse = new Button(I18n.t("start.lab.use"));
        rehearse.setId("use-lab");
        rehearse.setOnAction(e -> model.useLab(lab));
        VBox box = new VBox(6, l, rehearse);
        box.getStyleClass().add("lab-offer");
        root.getChildren().add(root.getChildren().indexOf(upgradeTool), box);   // the tool stays last
    }

    @Override
    public String title() {
        return I18n.t("start.title");
    }

    @Override
    public Node content() {
        if (scroll.getContent() == null) {
            // The tasks, the offers and the tool fit a normal window; a small one scrolls instead of cutting them off.
            scroll.setContent(root);
            scroll.setFitToWidth(true);
            scroll.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
            scroll.getStyleClass().add("edge-to-edge");
        }
        return scroll;
    }

    @Override
    public ObservableBooleanValue valid() {
        return model.startValid;
    }
}
