package io.sgmigrate.wizard.page;

import io.sgmigrate.engine.job.Jobs;
import io.sgmigrate.engine.journal.Journal;
import io.sgmigrate.engine.journal.JournalLock;
import io.sgmigrate.engine.migrate.DockerToCompose;
import io.sgmigrate.engine.report.Report;
import io.sgmigrate.engine.verify.Checklist;
import io.sgmigrate.engine.verify.ChecklistItem;
import io.sgmigrate.engine.verify.Finding;
import io.sgmigrate.wizard.I18n;
import io.sgmigrate.wizard.ProblemView;
import io.sgmigrate.wizard.WizardModel;
import io.sgmigrate.wizard.WizardPage;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Page 6: the before/after table, differences first and highlighted, and the manual checklist to tick with notes. */
public final class VerifyPage implements WizardPage {
    private final WizardModel model;
    private final Jobs jobs;
    private final VBox root = new VBox(10);
    private final Label verdict = new Label();
    private final TableView<Finding> table = new TableView<>();
    private final VBox manual = new VBox(6);
    private final Object saving = new Object();

    public VerifyPage(WizardModel model, Jobs jobs) {
        this.model = model;
        this.jobs = jobs;
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
        VBox.setVgrow(table, Priority.ALWAYS);
        manual.setId("verify-manual");
        Label m = new Label(I18n.t("verify.manual"));
        m.getStyleClass().add("title-4");
        root.getChildren().addAll(verdict, table, m, manual);
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
        manual.getChildren().clear();
        for (ChecklistItem i : r.checklist()) {
            if (!i.manual()) continue;
            CheckBox done = new CheckBox(i.title());
            done.setId("check-" + i.id());
            done.setSelected("DONE".equals(i.status()));
            TextField note = new TextField(i.note() == null ? "" : i.note());
            note.setId("note-" + i.id());
            note.setPromptText(I18n.t("verify.note"));
            HBox.setHgrow(note, Priority.ALWAYS);
            Runnable save = () -> {
                String status = done.isSelected() ? "done" : "todo";
                String text = note.getText();
                jobs.submit("checklist", () -> {
                    // One save at a time from this page (a tick and a focus change come together); the journal
                    // lock keeps out a run or sgmigrate checklist, which then shows as a problem here.
                    synchronized (saving) {
                        try (JournalLock lock = Journal.lock(model.journal.get())) {
                            Journal j = Journal.load(lock.journal());
                            j.saveChecklist(Checklist.mark(j.checklist(), i.id(), status, System.getProperty("user.name"),
                                    Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), text.isBlank() ? null : text));
                            return null;
                        }
                    }
                }).whenComplete((v, ex) -> {
                    if (ex != null) Platform.runLater(() -> root.getChildren().add(1, new ProblemView(ex)));
                });
            };
            done.setDisable(model.journal.get() == null);
            note.setDisable(model.journal.get() == null);
            done.setOnAction(e -> save.run());
            note.setOnAction(e -> save.run());
            note.focusedProperty().addListener((o, was, now) -> {
                if (!now) save.run();
            });
            done.setMinWidth(420);
            manual.getChildren().add(new HBox(10, done, note));
        }
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
