package io.sgmigrate.wizard.page;

import io.sgmigrate.engine.instance.CloneProgress;
import io.sgmigrate.engine.job.Jobs;
import io.sgmigrate.engine.journal.Journal;
import io.sgmigrate.engine.journal.JournalLock;
import io.sgmigrate.engine.migrate.LiveChecklist;
import io.sgmigrate.engine.prompt.Prompter;
import io.sgmigrate.engine.ssh.SshConnector;
import io.sgmigrate.engine.ssh.SshOptions;
import io.sgmigrate.engine.verify.Checklist;
import io.sgmigrate.engine.verify.ChecklistItem;
import io.sgmigrate.wizard.I18n;
import io.sgmigrate.wizard.ProblemView;
import io.sgmigrate.wizard.WizardModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The checklist after the data proof, item by item: what sgmigrate saw on the new instance (status, evidence, when),
 * where to look ("Open in browser") and what good looks like; the items only a person can judge with a tick and a
 * note; "Check again" for a new look, and the repositories cloned over time as a curve.
 */
final class GuidedChecklist extends VBox {
    private final WizardModel model;
    private final Jobs jobs;
    private final Prompter prompter;
    private final Consumer<String> browser;
    private final Runnable reload;
    private final VBox items = new VBox(10);
    private final Button again = new Button(I18n.t("verify.checkAgain"));
    private final Label looked = new Label();
    private final LineChart<Number, Number> chart;
    private final NumberAxis x;
    private final Object saving = new Object();

    GuidedChecklist(WizardModel model, Jobs jobs, Prompter prompter, Consumer<String> browser, Runnable reload) {
        super(10);
        this.model = model;
        this.jobs = jobs;
        this.prompter = prompter;
        this.browser = browser;
        this.reload = reload;
        setId("verify-checklist");
        items.setId("verify-items");
        again.setId("verify-check-again");
        again.setMnemonicParsing(true);
        again.setOnAction(e -> checkAgain());
        looked.setId("verify-looked");
        looked.getStyleClass().add("text-muted");
        x = new NumberAxis();
        x.setForceZeroInRange(true);
        NumberAxis y = new NumberAxis();
        y.setLabel(I18n.t("verify.chart.y"));
        chart = new LineChart<>(x, y);
        chart.setId("verify-clone-chart");
        chart.setTitle(I18n.t("verify.chart.title"));
        chart.setAnimated(false);
        chart.setCreateSymbols(true);
        chart.setLegendVisible(true);
        chart.setPrefHeight(250);
        chart.setMinHeight(230);
        chart.setVisible(false);
        chart.setManaged(false);
        HBox bar = new HBox(10, again, looked);
        bar.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(bar, chart, items);
    }

    void show(List<ChecklistItem> checklist) {
        boolean journal = model.journal.get() != null;
        again.setDisable(!journal);
        again.setTooltip(new Tooltip(I18n.t(journal ? "verify.checkAgain.tip" : "verify.checkAgain.noJournal")));
        String at = checklist.stream().filter(i -> !i.id().startsWith("auto-") && i.checkedAt() != null).map(ChecklistItem::checkedAt).max(String::compareTo).orElse(null);
        looked.setText(at == null ? I18n.t("verify.looked.never") : I18n.t("verify.looked", at.replace('T', ' ').replace("Z", " UTC")));
        items.getChildren().clear();
        for (ChecklistItem i : checklist) {
            if (i.id().startsWith("auto-")) continue;
            items.getChildren().add(row(i));
        }
        chart(checklist.stream().filter(i -> i.samples() != null && !i.samples().isEmpty()).findFirst().orElse(null));
    }

    private HBox row(ChecklistItem i) {
        VBox text = new VBox(2);
        HBox.setHgrow(text, Priority.ALWAYS);
        Label title = new Label(i.title());
        title.getStyleClass().add("text-bold");
        title.setWrapText(true);
        javafx.scene.Node mark;
        if (i.manual()) {
            CheckBox done = new CheckBox();
            done.setId("check-" + i.id());
            done.setSelected("DONE".equals(i.status()));
            done.setAccessibleText(i.title());
            done.setDisable(model.journal.get() == null);
            mark = done;
            title.setLabelFor(done);
            text.getChildren().add(title);
            addDetails(text, i);
            TextField note = new TextField(i.note() == null ? "" : i.note());
            note.setId("note-" + i.id());
            note.setPromptText(I18n.t("verify.note"));
            note.setDisable(model.journal.get() == null);
            Runnable save = () -> save(i.id(), done.isSelected() ? "done" : "todo", note.getText());
            done.setOnAction(e -> save.run());
            note.setOnAction(e -> save.run());
            note.focusedProperty().addListener((o, was, now) -> {
                if (!now) save.run();
            });
            text.getChildren().add(note);
        } else {
            Label status = new Label(glyph(i.status()));
            status.setId("status-" + i.id());
            status.setAccessibleText(i.status());
            status.setTooltip(new Tooltip(I18n.t("verify.status." + i.status())));
            status.getStyleClass().add(style(i.status()));
            status.setMinWidth(22);
            mark = status;
            Label word = new Label(I18n.t("verify.status." + i.status()));
            word.getStyleClass().addAll(style(i.status()), "text-small");
            HBox head = new HBox(8, title, word);
            head.setAlignment(Pos.BASELINE_LEFT);
            text.getChildren().add(head);
            addDetails(text, i);
        }
        HBox row = new HBox(10, mark, text);
        row.setId("item-" + i.id());
        row.setAlignment(Pos.TOP_LEFT);
        if (i.link() != null) {
            Hyperlink open = new Hyperlink(I18n.t("verify.open"));
            open.setId("open-" + i.id());
            open.setTooltip(new Tooltip(i.link()));
            open.setOnAction(e -> browser.accept(i.link()));
            open.setMinWidth(Hyperlink.USE_PREF_SIZE);
            row.getChildren().add(open);
        }
        return row;
    }

    private static void addDetails(VBox text, ChecklistItem i) {
        if (i.evidence() != null && !"sgmigrate".equals(i.evidence())) {
            Label e = new Label(i.evidence());
            e.setId("evidence-" + i.id());
            e.setWrapText(true);
            text.getChildren().add(e);
        }
        if (i.good() != null && (i.manual() || !"PASS".equals(i.status()))) {
            Label g = new Label(I18n.t("verify.good", i.good()));
            g.getStyleClass().addAll("text-muted", "text-small");
            g.setWrapText(true);
            text.getChildren().add(g);
        }
        if (i.manual() && i.by() != null) {
            Label by = new Label(I18n.t("verify.markedBy", i.by(), i.at()));
            by.getStyleClass().addAll("text-muted", "text-small");
            text.getChildren().add(by);
        }
    }

    private void chart(ChecklistItem cloning) {
        chart.getData().clear();
        // A curve needs two looks; one is a number, and the item says it.
        boolean shown = cloning != null && cloning.samples().size() >= 2;
        chart.setVisible(shown);
        chart.setManaged(shown);
        if (!shown) return;
        List<ChecklistItem.Sample> s = cloning.samples();
        Instant first = Instant.parse(s.get(0).at());
        // Seconds for a short watch, minutes for a long one: either way the axis reads in whole numbers.
        boolean seconds = Duration.between(first, Instant.parse(s.get(s.size() - 1).at())).toSeconds() < 180;
        double unit = seconds ? 1_000.0 : 60_000.0;
        x.setLabel(I18n.t(seconds ? "verify.chart.xSeconds" : "verify.chart.x"));
        XYChart.Series<Number, Number> cloned = new XYChart.Series<>();
        cloned.setName(I18n.t("verify.chart.cloned"));
        XYChart.Series<Number, Number> total = new XYChart.Series<>();
        total.setName(I18n.t("verify.chart.total"));
        for (ChecklistItem.Sample at : s) {
            double since = Duration.between(first, Instant.parse(at.at())).toMillis() / unit;
            cloned.getData().add(new XYChart.Data<>(since, at.done()));
            total.getData().add(new XYChart.Data<>(since, at.total()));
        }
        chart.getData().add(cloned);
        chart.getData().add(total);
        ChecklistItem.Sample last = s.get(s.size() - 1);
        chart.setAccessibleText(I18n.t("verify.chart.accessible", last.done(), last.total(), new CloneProgress(s).bar(10)));
    }

    /** A new look at the new instance, with the connection the run used; the page shows what it saw. */
    private void checkAgain() {
        Path journal = model.journal.get();
        if (journal == null) return;
        again.setDisable(true);
        looked.setText(I18n.t("verify.looking"));
        jobs.submit("check the new instance", () -> LiveChecklist.refresh(journal, new SshConnector(prompter), options(journal)))
                .whenComplete((items, ex) -> Platform.runLater(() -> {
                    again.setDisable(false);
                    if (ex != null) {
                        looked.setText(I18n.t("verify.looked.failed"));
                        getChildren().removeIf(n -> n instanceof ProblemView);
                        getChildren().add(1, new ProblemView(ex));
                        return;
                    }
                    getChildren().removeIf(n -> n instanceof ProblemView);
                    reload.run();
                }));
    }

    /** The key file and known_hosts the run used, as its journal names them; else the hosts page's login. */
    private SshOptions options(Path journal) {
        Map<String, String> in = Journal.load(journal).inputs();
        boolean key = in.containsKey("identity") && Files.isRegularFile(Path.of(in.get("identity")));
        boolean known = in.containsKey("knownHosts") && Files.isRegularFile(Path.of(in.get("knownHosts")));
        if (!key && !known) return model.sshOptions();
        SshOptions o = SshOptions.defaults();
        if (key) o = o.withIdentity(Path.of(in.get("identity")));
        if (known) o = o.withKnownHosts(Path.of(in.get("knownHosts")));
        return o;
    }

    private void save(String id, String status, String text) {
        jobs.submit("checklist", () -> {
            // One save at a time from this page (a tick and a focus change come together); the journal
            // lock keeps out a run or sgmigrate checklist, which then shows as a problem here.
            synchronized (saving) {
                try (JournalLock lock = Journal.lock(model.journal.get())) {
                    Journal j = Journal.load(lock.journal());
                    j.saveChecklist(Checklist.mark(j.checklist(), id, status, System.getProperty("user.name"),
                            Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), text.isBlank() ? null : text));
                    return null;
                }
            }
        }).whenComplete((v, ex) -> {
            if (ex != null) Platform.runLater(() -> getChildren().add(1, new ProblemView(ex)));
        });
    }

    static String glyph(String status) {
        return switch (status) {
            case "PASS" -> "\u2714";
            case "FAIL" -> "\u2716";
            case "WARN" -> "\u26A0";
            case "PENDING" -> "\u25D4";
            default -> "\u2022";
        };
    }

    private static String style(String status) {
        return switch (status.toUpperCase(Locale.ROOT)) {
            case "PASS" -> "success";
            case "FAIL" -> "danger";
            case "WARN" -> "warning";
            case "PENDING" -> "accent";
            default -> "text-muted";
        };
    }
}
