package io.sgmigrate.wizard.page;

import io.sgmigrate.engine.job.Jobs;
import io.sgmigrate.engine.migrate.Check;
import io.sgmigrate.engine.migrate.MigrationListener;
import io.sgmigrate.wizard.FxPrompter;
import io.sgmigrate.wizard.I18n;
import io.sgmigrate.wizard.ProblemView;
import io.sgmigrate.wizard.WizardModel;
import io.sgmigrate.wizard.WizardPage;
import javafx.application.Platform;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** Page 3: every read-only check on both hosts (or the payload and the new host), as it comes in; Next only when none failed. */
public final class PreflightPage implements WizardPage {
    private final WizardModel model;
    private final Jobs jobs;
    private final FxPrompter prompter;
    private final VBox root = new VBox(10);
    private final VBox checks = new VBox(6);
    private final Label status = new Label();
    private final ProgressIndicator busy = new ProgressIndicator();
    private final Button again = new Button(I18n.t("preflight.again"));

    public PreflightPage(WizardModel model, Jobs jobs, FxPrompter prompter) {
        this.model = model;
        this.jobs = jobs;
        this.prompter = prompter;
        root.setId("page-preflight");
        checks.setId("preflight-checks");
        status.setId("preflight-status");
        status.setWrapText(true);
        busy.setPrefSize(18, 18);
        again.setId("preflight-again");
        again.setOnAction(e -> run());
        again.disableProperty().bind(busy.visibleProperty());
        ScrollPane scroll = new ScrollPane(checks);
        scroll.setFitToWidth(true);
        VBox.setVgrow(scroll, javafx.scene.layout.Priority.ALWAYS);
        root.getChildren().addAll(new HBox(8, busy, status, again), scroll);
    }

    @Override
    public void shown() {
        if (creating() ? model.createChecks.get() == null : model.plan.get() == null) run();
    }

    private boolean creating() {
        return model.task.get() == WizardModel.Task.CREATE;
    }

    /** A payload create's pre-flight: the instance's checks and seed 001's, from its dry run (nothing is written). */
    private void runCreate() {
        checks.getChildren().clear();
        model.createChecks.set(null);
        busy.setVisible(true);
        status.setText(I18n.t("preflight.running.create"));
        java.util.List<Check> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        MigrationListener live = new MigrationListener() {
            @Override
            public void check(Check c) {
                seen.add(c);
                Platform.runLater(() -> checks.getChildren().add(row(c)));
            }
        };
        java.util.function.Supplier<io.sgmigrate.engine.migrate.PayloadCreate> create = model.create(prompter, live, false);
        jobs.submit("pre-flight", () -> create.get().dryRun()).whenComplete((lines, ex) -> Platform.runLater(() -> {
            busy.setVisible(false);
            long failed = seen.stream().filter(c -> c.status() == Check.Status.FAIL).count();
            if (ex != null) {
                status.setText(failed > 0 ? I18n.t("preflight.blocked", failed) : I18n.t("preflight.failed"));
                if (failed == 0) checks.getChildren().add(new ProblemView(ex));
                return;
            }
            model.createChecks.set(java.util.List.copyOf(seen));
            status.setText(I18n.t("preflight.passed.create", seen.size()));
        }));
    }

    private void run() {
        if (creating()) {
            runCreate();
            return;
        }
        checks.getChildren().clear();
        model.plan.set(null);
        busy.setVisible(true);
        status.setText(I18n.t(model.task.get() == WizardModel.Task.LOAD ? "preflight.running.load" : "preflight.running"));
        MigrationListener live = new MigrationListener() {
            @Override
            public void check(Check c) {
                Platform.runLater(() -> checks.getChildren().add(row(c)));
            }
        };
        WizardModel.Launch dry = model.dryRun(prompter, live);
        jobs.submit("pre-flight", () -> {
            try {
                return dry.run().dryRun();
            } finally {
                dry.done().run();
            }
        }).whenComplete((plan, ex) -> Platform.runLater(() -> {
            busy.setVisible(false);
            if (ex != null) {
                long failed = checks.getChildren().stream().filter(n -> n.getStyleClass().contains("check-fail")).count();
                // Failed checks are shown above, each with what to do; anything else (no connection) is shown as a problem.
                if (failed > 0) {
                    status.setText(I18n.t("preflight.blocked", failed));
                } else {
                    status.setText(I18n.t("preflight.failed"));
                    checks.getChildren().add(new ProblemView(ex));
                }
                return;
            }
            model.plan.set(plan);
            long failed = plan.checks().stream().filter(c -> c.status() == Check.Status.FAIL).count();
            status.setText(failed == 0 ? I18n.t("preflight.passed", plan.checks().size()) : I18n.t("preflight.blocked", failed));
        }));
    }

    static Node row(Check c) {
        Label badge = new Label(c.status().name());
        badge.getStyleClass().addAll("badge", switch (c.status()) {
            case PASS -> "success";
            case WARN -> "warning";
            case FAIL -> "danger";
        });
        badge.setMinWidth(48);
        Label name = new Label(c.name());
        name.getStyleClass().add("text-bold");
        name.setMinWidth(220);
        Label detail = new Label(c.detail());
        detail.setWrapText(true);
        HBox row = new HBox(10, badge, name, detail);
        row.getStyleClass().add("check-" + c.status().name().toLowerCase(java.util.Locale.ROOT));
        return row;
    }

    @Override
    public String title() {
        return I18n.t("preflight.title");
    }

    @Override
    public Node content() {
        return root;
    }

    @Override
    public ObservableBooleanValue valid() {
        return javafx.beans.binding.Bindings.createBooleanBinding(() -> creating() ? model.createPreflightPassed.get() : model.preflightPassed.get(),
                model.task, model.createPreflightPassed, model.preflightPassed);
    }
}
