package io.sgmigrate.wizard.page;

import io.sgmigrate.engine.inspect.PayloadInspection;
import io.sgmigrate.engine.inspect.PayloadInspector;
import io.sgmigrate.engine.inspect.PayloadKeys;
import io.sgmigrate.engine.job.Jobs;
import io.sgmigrate.engine.payload.Inbound;
import io.sgmigrate.engine.progress.Units;
import io.sgmigrate.wizard.FxPrompter;
import io.sgmigrate.wizard.I18n;
import io.sgmigrate.wizard.ProblemView;
import io.sgmigrate.wizard.WizardModel;
import io.sgmigrate.wizard.WizardPage;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Load, page 3: the payload read once, all of it, on the engine's executor (nothing written anywhere), and what it is,
 * the verdict first: pass or fail, the signature, kind and protection, layout, version, externalURL, warnings, then its
 * entries and each dump's rows. Next only when every check passed.
 */
public final class VerdictPage implements WizardPage {
    private final WizardModel model;
    private final Jobs jobs;
    private final FxPrompter prompter;
    private final VBox root = new VBox(10);
    private final VBox result = new VBox(6);
    private final Label status = new Label();
    private final ProgressIndicator busy = new ProgressIndicator();
    private final Button again = new Button(I18n.t("verdict.again"));
    /** Bumped by every reading: a reading's answer is shown only while it is the latest. */
    private final AtomicLong reading = new AtomicLong();

    public VerdictPage(WizardModel model, Jobs jobs, FxPrompter prompter) {
        this.model = model;
        this.jobs = jobs;
        this.prompter = prompter;
        root.setId("page-verdict");
        result.setId("verdict-result");
        status.setId("verdict-status");
        status.setWrapText(true);
        busy.setPrefSize(18, 18);
        busy.setVisible(false);
        again.setId("verdict-again");
        again.setMnemonicParsing(true);
        again.setOnAction(e -> read());
        again.disableProperty().bind(busy.visibleProperty());
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(result);
        scroll.setFitToWidth(true);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        root.getChildren().addAll(new HBox(8, busy, status, again), scroll);
        // Another file or key: what was shown is not this payload's.
        model.inspection.addListener((o, a, now) -> {
            if (now == null && !busy.isVisible()) {
                result.getChildren().clear();
                status.setText("");
            }
        });
    }

    private static long sizeOf(Path file) {
        try {
            return java.nio.file.Files.size(file);
        } catch (java.io.IOException unknownYet) {
            return -1;   // the reading itself says what is wrong with the file
        }
    }

    @Override
    public void shown() {
        if (model.inspection.get() == null && !busy.isVisible()) read();
    }

    private void read() {
        long mine = reading.incrementAndGet();
        model.inspection.set(null);
        result.getChildren().clear();
        busy.setVisible(true);
        status.setText(I18n.t("verdict.reading", ""));
        // Taken here, on the FX thread; the worker reads only the file.
        Path file;
        PayloadKeys keys;
        try {
            file = model.payloadPath();
            keys = model.payloadKeys(prompter);
        } catch (RuntimeException notAPath) {
            busy.setVisible(false);
            status.setText(I18n.t("verdict.failed"));
            result.getChildren().setAll(new ProblemView(notAPath));
            return;
        }
        AtomicBoolean queued = new AtomicBoolean();
        jobs.submit("inspect payload", () -> {
            // Bytes of the file's size, speed and time left: a large payload takes minutes to read.
            io.sgmigrate.engine.progress.TransferMeter meter = new io.sgmigrate.engine.progress.TransferMeter(sizeOf(file));
            try {
                return PayloadInspector.examine(file, keys, n -> {
                    meter.moved(n);
                    if (!queued.compareAndSet(false, true)) return;
                    String text = meter.describe();
                    Platform.runLater(() -> {
                        queued.set(false);
                        if (reading.get() == mine) status.setText(I18n.t("verdict.reading", text));
                    });
                });
            } finally {
                WizardModel.wipe(keys);
            }
        }).whenComplete((found, ex) -> Platform.runLater(() -> {
            if (reading.get() != mine) return;
            busy.setVisible(false);
            if (ex != null) {
                // A refused key passphrase is asked again next time, not used again.
                model.forgetKeyPassphrase();
                status.setText(I18n.t("verdict.failed"));
                result.getChildren().setAll(new ProblemView(ex));
                return;
            }
            model.verdictRead(found);
            PayloadInspection p = found.inspection();
            status.setText(I18n.t("verdict.read", Units.bytes(p.size())));
            show(p);
        }));
    }

    private void show(PayloadInspection p) {
        Label verdict = line("verdict-passed", p.passed() ? I18n.t("verdict.passed") : I18n.t("verdict.refused", String.join("; ", p.problems())),
                p.passed() ? "success" : "danger");
        verdict.getStyleClass().addAll("title-4");
        PayloadInspection.Verdict v = p.signature().verdict();
        Label signature = line("verdict-signature", I18n.t("verdict.signature", p.signature().line()),
                v == PayloadInspection.Verdict.SIGNED_KNOWN ? "success" : v == PayloadInspection.Verdict.BAD ? "danger" : "warning");
        Label kind = line("verdict-kind", p.encrypted() ? I18n.t("verdict.kind", p.kind(), p.protection()) : I18n.t("verdict.kind.plain", p.kind()),
                p.encrypted() ? null : "danger");
        VBox warnings = new VBox(4);
        warnings.setId("verdict-warnings");
        for (int i = 0; i < p.warnings().size(); i++) {
            Label w = line("verdict-warning-" + i, I18n.t("verdict.warning", p.warnings().get(i)), "danger");
            w.getStyleClass().add("text-bold");
            warnings.getChildren().add(w);
        }
        Label layout = line("verdict-layout", I18n.t("verdict.layout", p.layout()), null);
        Label version = line("verdict-version", p.sourcegraphVersion().map(s -> I18n.t("verdict.version", s)).orElse(I18n.t("verdict.version.none")), null);
        String newUrl = model.externalUrl.get().strip();
        Label url = line("verdict-external-url", I18n.t("verdict.externalUrl", p.externalUrl().orElse(I18n.t("verdict.externalUrl.none")))
                + (newUrl.isEmpty() ? "" : " " + I18n.t("verdict.externalUrl.new", newUrl)), null);
        TextArea contents = new TextArea(contents(p));
        contents.setId("verdict-contents");
        contents.setEditable(false);
        contents.setStyle("-fx-font-family: monospace;");
        contents.setPrefRowCount(12);
        Label c = new Label(I18n.t("verdict.contents"));
        c.getStyleClass().add("title-4");
        result.getChildren().setAll(verdict, signature, kind, warnings, layout, version, url, c, contents);
    }

    /** Every entry with its size, SHA-256 and role, then each dump with its rows per table. */
    private static String contents(PayloadInspection p) {
        StringBuilder sb = new StringBuilder(I18n.t("verdict.entries", p.entries().size())).append('\n');
        for (PayloadInspection.Entry e : p.entries()) {
            sb.append(String.format(java.util.Locale.ROOT, "  %-40s %12s  %s  %s%n", Inbound.shown(e.name()), Units.bytes(e.size()), e.role(), e.sha256()));
        }
        for (PayloadInspection.Dump d : p.dumps()) {
            sb.append('\n').append(I18n.t("verdict.dump", d.entry() + (d.section().isEmpty() ? "" : " (" + d.section() + ")"), d.role(),
                    d.rows().size(), d.totalRows())).append('\n');
            if (!d.neutralised().isEmpty()) {
                java.util.List<String> left = new java.util.ArrayList<>();
                d.neutralised().forEach((what, n) -> left.add(what + " \u00d7" + n));
                sb.append("  ").append(I18n.t("verdict.neutralised", String.join(", ", left))).append('\n');
            }
            d.rows().forEach((t, n) -> sb.append(String.format(java.util.Locale.ROOT, "  %-48s %,d%n", t, n)));
        }
        return sb.toString();
    }

    private static Label line(String id, String text, String style) {
        Label l = new Label(text);
        l.setId(id);
        l.setWrapText(true);
        if (style != null) l.getStyleClass().add(style);
        return l;
    }

    @Override
    public String title() {
        return I18n.t("verdict.title");
    }

    @Override
    public Node content() {
        return root;
    }

    @Override
    public ObservableBooleanValue valid() {
        return model.verdictPassed;
    }
}
