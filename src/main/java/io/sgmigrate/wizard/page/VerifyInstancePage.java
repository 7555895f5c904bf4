package io.sgmigrate.wizard.page;

import io.sgmigrate.engine.job.Jobs;
import io.sgmigrate.engine.report.Report;
import io.sgmigrate.engine.snapshot.Snapshot;
import io.sgmigrate.engine.snapshot.SnapshotFile;
import io.sgmigrate.engine.snapshot.SnapshotTaker;
import io.sgmigrate.engine.ssh.SshAddress;
import io.sgmigrate.engine.ssh.SshConnector;
import io.sgmigrate.engine.verify.Checklist;
import io.sgmigrate.engine.verify.Verifier;
import io.sgmigrate.engine.verify.VerifyResult;
import io.sgmigrate.wizard.FxPrompter;
import io.sgmigrate.wizard.I18n;
import io.sgmigrate.wizard.ProblemView;
import io.sgmigrate.wizard.WizardModel;
import io.sgmigrate.wizard.WizardPage;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/** Verify an instance (page 2 of that task): a baseline snapshot, the instance's host and compose folder, then compare. */
public final class VerifyInstancePage implements WizardPage {
    private final WizardModel model;
    private final VBox root = new VBox(12);
    private final VBox result = new VBox(6);
    private final ProgressIndicator busy = new ProgressIndicator();

    public VerifyInstancePage(WizardModel model, Jobs jobs, FxPrompter prompter) {
        this.model = model;
        root.setId("page-verify-instance");
        busy.setPrefSize(18, 18);
        busy.setVisible(false);
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(8);
        javafx.scene.layout.ColumnConstraints grow = new javafx.scene.layout.ColumnConstraints();
        grow.setHgrow(javafx.scene.layout.Priority.ALWAYS);
        g.getColumnConstraints().addAll(new javafx.scene.layout.ColumnConstraints(), grow);
        TextField baseline = HostsPage.field("field-baseline", model.baselineFile, "before.json");
        Button browse = new Button(I18n.t("verifyInstance.browse"));
        browse.setOnAction(e -> {
            java.io.File f = new FileChooser().showOpenDialog(root.getScene().getWindow());
            if (f != null) model.baselineFile.set(f.getPath());
        });
        g.addRow(0, new Label(I18n.t("verifyInstance.baseline")), new HBox(8, baseline, browse));
        HBox.setHgrow(baseline, javafx.scene.layout.Priority.ALWAYS);
        g.addRow(1, new Label(I18n.t("verifyInstance.host")), HostsPage.field("field-verify-host", model.targetAddress, "ssh://user@host:22"));
        g.addRow(2, new Label(I18n.t("hosts.composeDir")), HostsPage.field("field-verify-compose-dir", model.composeDir, "/home/USER/deploy-sourcegraph-docker/docker-compose"));
        g.addRow(3, new Label(I18n.t("hosts.identity")), HostsPage.field("field-verify-identity", model.identityFile, "~/.ssh/id_ed25519"));
        g.addRow(4, new Label(I18n.t("hosts.knownHosts")), HostsPage.field("field-verify-known-hosts", model.knownHostsFile, "~/.ssh/known_hosts"));
        Button run = new Button(I18n.t("verifyInstance.run"));
        run.setId("verify-run");
        run.disableProperty().bind(model.baselineFile.isEmpty().or(model.targetAddress.isEmpty()).or(model.composeDir.isEmpty()).or(busy.visibleProperty()));
        result.setId("verify-instance-result");
        run.setOnAction(e -> {
            busy.setVisible(true);
            result.getChildren().clear();
            model.verifyReport.set(null);
            Path base = Path.of(model.baselineFile.get().strip());
            String host = model.targetAddress.get();
            String dir = model.composeDir.get().strip();
            var options = model.sshOptions();
            jobs.submit("verify", () -> {
                SnapshotFile.Baseline b = SnapshotFile.readBaseline(base);
                Snapshot before = b.snapshot();
                Snapshot after = new SnapshotTaker(null, b.key()).take(new SshConnector(prompter), SshAddress.parse(host), options, null, dir, false);
                VerifyResult r = new Verifier().compare(before, after);
                return Report.of("Verification of " + after.instance().host(), null, before, after, r, Checklist.build(r, List.of()));
            }).whenComplete((r, ex) -> Platform.runLater(() -> {
                busy.setVisible(false);
                if (ex != null) {
                    result.getChildren().add(new ProblemView(ex));
                } else {
                    model.verifyReport.set(r);
                    Label done = new Label(I18n.t("verifyInstance.done", r.verdict()));
                    done.setId("verify-instance-done");
                    result.getChildren().add(done);
                }
            }));
        });
        root.getChildren().addAll(g, new HBox(8, run, busy), result);
    }

    @Override
    public String title() {
        return I18n.t("verifyInstance.title");
    }

    @Override
    public Node content() {
        return root;
    }

    @Override
    public ObservableBooleanValue valid() {
        return Bindings.isNotNull(model.verifyReport);
    }
}
