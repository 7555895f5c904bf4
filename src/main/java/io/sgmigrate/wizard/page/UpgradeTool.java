package io.sgmigrate.wizard.page;

import io.sgmigrate.engine.upgrade.Releases;
import io.sgmigrate.engine.upgrade.UpgradePlan;
import io.sgmigrate.engine.upgrade.UpgradePlanner;
import io.sgmigrate.wizard.I18n;
import io.sgmigrate.wizard.ProblemView;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The start page's small tool "Plan an upgrade": two versions and a deployment kind in, the planner's numbered path out
 * (the text {@code sgmigrate upgrade-path} prints). Offline and instant, so it runs on the FX thread.
 */
final class UpgradeTool {
    private UpgradeTool() {}

    static TitledPane create() {
        TextField from = new TextField();
        from.setId("upgrade-from");
        from.setPromptText("3.35.1");
        from.setPrefColumnCount(7);
        TextField to = new TextField();
        to.setId("upgrade-to");
        to.setPromptText("3.37.0");
        to.setPrefColumnCount(7);
        ComboBox<String> kind = new ComboBox<>();
        kind.setId("upgrade-deployment");
        for (UpgradePlanner.Deployment d : UpgradePlanner.Deployment.values()) kind.getItems().add(d.flag());
        kind.getSelectionModel().select(UpgradePlanner.Deployment.DOCKER_COMPOSE.flag());
        Button plan = new Button(I18n.t("start.upgrade.plan"));
        plan.setId("upgrade-plan-button");
        plan.setMnemonicParsing(true);
        plan.disableProperty().bind(from.textProperty().isEmpty().or(to.textProperty().isEmpty()));
        TextArea out = new TextArea();
        out.setId("upgrade-plan");
        out.setEditable(false);
        out.setPrefRowCount(12);
        out.setStyle("-fx-font-family: monospace;");
        out.setVisible(false);
        out.managedProperty().bind(out.visibleProperty());
        VBox body = new VBox(8);
        Label fromLabel = new Label(I18n.t("start.upgrade.from"));
        fromLabel.setLabelFor(from);
        Label toLabel = new Label(I18n.t("start.upgrade.to"));
        toLabel.setLabelFor(to);
        for (javafx.scene.layout.Region r : java.util.List.of(fromLabel, toLabel, plan, kind)) r.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        from.setMinWidth(90);
        to.setMinWidth(90);
        HBox row = new HBox(8, fromLabel, from, toLabel, to, kind, plan);
        row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        body.getChildren().addAll(row, out);
        plan.setOnAction(e -> {
            body.getChildren().removeIf(n -> n instanceof ProblemView);
            try {
                UpgradePlan p = new UpgradePlanner(Releases.shipped()).plan(UpgradePlanner.version(from.getText(), I18n.t("start.upgrade.fromName")),
                        UpgradePlanner.version(to.getText(), I18n.t("start.upgrade.toName")), UpgradePlanner.Deployment.of(kind.getValue()));
                out.setText(UpgradePlanner.render(p));
                out.setVisible(true);
            } catch (RuntimeException ex) {
                out.setVisible(false);
                body.getChildren().add(new ProblemView(ex));
            }
        });
        from.setOnAction(e -> plan.fire());
        to.setOnAction(e -> plan.fire());
        TitledPane pane = new TitledPane(I18n.t("start.upgrade.title"), body);
        pane.setId("upgrade-tool");
        pane.setExpanded(false);
        pane.setAnimated(false);
        return pane;
    }
}
