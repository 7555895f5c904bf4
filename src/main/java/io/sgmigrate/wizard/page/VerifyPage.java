package io.sgmigrate.wizard.page;

import io.sgmigrate.engine.job.Jobs;
import io.sgmigrate.engine.journal.Journal;
import io.sgmigrate.engine.prompt.Prompter;
import io.sgmigrate.engine.migrate.DockerToCompose;
import io.sgmigrate.engine.report.Report;
import io.sgmigrate.engine.verify.Finding;
import io.sgmigrate.wizard.I18n;
import io.sgmigrate.wizard.ProblemView;
import io.sgmigrate.wizard.WizardModel;
import io.sgmigrate.wizard.WizardPage;
import java.util.List;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Page 6: the guided checklist (what the new instance does, what a person checks) and the before/after table, differences first and highlighted. */
public final class VerifyPage implements WizardPage {
    private final WizardModel model;
    private final Jobs jobs;
    private final VBox root = new VBox(10);
    private final Label verdict = new Label();
    private final TableView<Finding> table = new TableView<>();
    private final TabPane tabs = new TabPane();
    private final GuidedChecklist guided;

    public VerifyPage(WizardModel model, Jobs jobs, Prompter prompter, Consumer<String> browser) {
        this.model = model;
        this.jobs = jobs;
        this.guided = new GuidedChecklist(model, jobs, prompter, browser, this::shown);
        root.setId("page-verify");
        verdict.setId("verify-verdict");
        verdict.setWrapText(true);
        table.setId("verify-table");
        table.getColumns().add(column(I18n.t("verify.col.result"), f -> f.status().name(), 90));
        table.getColumns().add(column(I18n.t("verify.col.where"), Finding::area, 110));
        table.getColumns().add(column(I18n.t("verify.col.item"), Finding::item, 170));
        table.getColumns().add(column(I18n.t("verify.col.finding"), Finding::what, 260));
        table.getColumns().add(column(I18n.t("verify.col.before"), Finding::before, 110));
        table.getColumns().add(column(I18n.t("verify.col.after"), Finding::after, 110));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(Finding f, boolean empty) {
                super.updateItem(f, empty);
                getStyleClass().removeAll("finding-fail", "finding-warn", "finding-expected");
                if (!empty && f != null && f.status() != Finding.Status.PASS) getStyleClass().add("finding-" + f.status().name().toLowerCase(java.util.Locale.ROOT));
                setStyle(empty || f == null ? "" : switch (f.status()) {
                    case FAIL -> "-fx-background-color: rgba(207,34,46,0.18);";
                    case WARN -> "-fx-background-color: rgba(191,135,0,0.16);";
                    case EXPECTED -> "-fx-background-color: rgba(9,105,218,0.10);";
                    case PASS -> "";
                });
            }
        });
        // The checklist first: after the proof, the person watches the new instance come to life.
        ScrollPane scroll = new ScrollPane(guided);
        scroll.setId("verify-checklist-scroll");
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        Tab checklist = new Tab(I18n.t("verify.tab.checklist"), scroll);
        checklist.setId("verify-tab-checklist");
        Tab data = new Tab(I18n.t("verify.tab.data"), table);
        data.setId("verify-tab-data");
        tabs.getTabs().addAll(checklist, data);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("verify-tabs");
        VBox.setVgrow(tabs, Priority.ALWAYS);
        Label m = new Label(I18n.t("verify.manual"));
        m.getStyleClass().add("text-muted");
        m.setWrapText(true);
        m.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        root.getChildren().addAll(verdict, m, tabs);
    }

    private static TableColumn<Finding, String> column(String title, java.util.function.Function<Finding, String> value, double width) {
        TableColumn<Finding, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    @Override
    public void shown() {
        if (model.task.get() == WizardModel.Task.VERIFY) {
            if (model.verifyReport.get() != null) show(model.verifyReport.get());
            return;
        }
        if (model.journal.get() == null) return;
        jobs.submit("load verification", () -> DockerToCompose.report(Journal.load(model.journal.get()))).whenComplete((r, ex) -> Platform.runLater(() -> {
            if (ex != null) {
                root.getChildren().add(1, new ProblemView(ex));
                return;
            }
            show(r);
        }));
    }

    private void show(Report r) {
        List<Finding> ordered = new java.util.ArrayList<>();
        for (Finding.Status s : List.of(Finding.Status.FAIL, Finding.Status.WARN, Finding.Status.EXPECTED, Finding.Status.PASS)) {
            r.verification().stream().filter(f -> f.status() == s).forEach(ordered::add);
        }
        table.getItems().setAll(ordered);
        long fail = ordered.stream().filter(f -> f.status() == Finding.Status.FAIL).count();
        long exp = ordered.stream().filter(f -> f.status() == Finding.Status.EXPECTED).count();
        verdict.setText(I18n.t("verify.verdict." + r.verdict().replace(' ', '_'), ordered.size(), fail, exp));
        verdict.getStyleClass().setAll("label", fail == 0 && !ordered.isEmpty() ? "success" : "danger");
        guided.show(r.checklist());
    }

    @Override
    public String title() {
        return I18n.t("verify.title");
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
