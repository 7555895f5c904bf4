package io.sgmigrate.wizard.page;

import io.sgmigrate.engine.job.Jobs;
import io.sgmigrate.engine.probe.HostProbe;
import io.sgmigrate.engine.probe.HostReport;
import io.sgmigrate.engine.ssh.SshAddress;
import io.sgmigrate.engine.ssh.SshConnector;
import io.sgmigrate.engine.ssh.SshOptions;
import io.sgmigrate.wizard.FxPrompter;
import io.sgmigrate.wizard.I18n;
import io.sgmigrate.wizard.ProblemView;
import io.sgmigrate.wizard.WizardModel;
import io.sgmigrate.wizard.WizardPage;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * Page 2: the old and the new host, how to log in, and a "Test connection" for each that proves the host key and Docker.
 * A load has no old host: then only the new host's half; a payload create has no new host: then only the instance's.
 */
public final class HostsPage implements WizardPage {
    private final WizardModel model;
    private final Jobs jobs;
    private final FxPrompter prompter;
    private final boolean oldHost;
    private final boolean newHost;
    private final VBox root = new VBox(14);
    private final java.util.List<javafx.scene.control.MenuButton> pickers = new java.util.ArrayList<>();
    /** Per picker: whether ssh config has no Host to offer (it is also off while resuming). */
    private final java.util.Map<javafx.scene.control.MenuButton, javafx.beans.property.BooleanProperty> noHosts = new java.util.HashMap<>();

    public HostsPage(WizardModel model, Jobs jobs, FxPrompter prompter) {
        this(model, jobs, prompter, true);
    }

    /** {@code oldHost} false: the new host only (a load's page). */
    public HostsPage(WizardModel model, Jobs jobs, FxPrompter prompter, boolean oldHost) {
        this(model, jobs, prompter, oldHost, true);
    }

    /** The instance's host only (a payload create's page): the old host, its container or compose folder. */
    public static HostsPage sourceOnly(WizardModel model, Jobs jobs, FxPrompter prompter) {
        return new HostsPage(model, jobs, prompter, true, false);
    }

    private HostsPage(WizardModel model, Jobs jobs, FxPrompter prompter, boolean oldHost, boolean newHost) {
        this.model = model;
        this.jobs = jobs;
        this.prompter = prompter;
        this.oldHost = oldHost;
        this.newHost = newHost;
        root.setId(!newHost ? "page-source" : oldHost ? "page-hosts" : "page-target");
        GridPane login = new GridPane();
        login.setHgap(8);
        login.setVgap(8);
        javafx.scene.layout.ColumnConstraints grow = new javafx.scene.layout.ColumnConstraints();
        grow.setHgrow(javafx.scene.layout.Priority.ALWAYS);
        login.getColumnConstraints().addAll(new javafx.scene.layout.ColumnConstraints(), grow);
        javafx.scene.control.ToggleGroup how = new javafx.scene.control.ToggleGroup();
        HBox methods = new HBox(14);
        for (WizardModel.Login m : WizardModel.Login.values()) {
            javafx.scene.control.RadioButton r = new javafx.scene.control.RadioButton(I18n.t("hosts.login." + m.name()));
            r.setId("login-" + m.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            r.setUserData(m);
            r.setToggleGroup(how);
            r.setSelected(model.login.get() == m);
            methods.getChildren().add(r);
        }
        how.selectedToggleProperty().addListener((o, a, t) -> {
            if (t != null) model.login.set((WizardModel.Login) t.getUserData());
        });
        model.login.addListener((o, a, m) -> how.getToggles().forEach(t -> t.setSelected(t.getUserData() == m)));
        TextField identity = field("field-identity", model.identityFile, "~/.ssh/id_ed25519");
        identity.disableProperty().bind(model.login.isNotEqualTo(WizardModel.Login.KEY_FILE));
        login.addRow(0, new Label(I18n.t("hosts.login")), methods);
        login.addRow(1, new Label(I18n.t("hosts.identity")), identity);
        login.addRow(2, new Label(I18n.t("hosts.knownHosts")), field("field-known-hosts", model.knownHostsFile, "~/.ssh/known_hosts"));
        TextField composeDir = locked(field("field-compose-dir", model.composeDir, "/home/USER/deploy-sourcegraph-docker/docker-compose"));
        TextField container = locked(field("field-container", model.container, I18n.t("hosts.container.prompt")));
        TextField staging = locked(field("field-staging-dir", model.stagingDir, I18n.t("hosts.stagingDir.prompt")));
        VBox containerBox = mnemonicLabelled(I18n.t("hosts.container"), container);
        VBox stagingBox = mnemonicLabelled(I18n.t("hosts.stagingDir"), staging);
        // The old deployment's Compose folder instead of a container: a Compose deployment moved to the new host.
        TextField oldDir = locked(field("field-source-compose-dir", model.sourceComposeDir, I18n.t("source.composeDir.prompt")));
        VBox oldDirBox = mnemonicLabelled(I18n.t("hosts.sourceComposeDir"), oldDir);
        HBox optional = new HBox(12, containerBox, oldDirBox, stagingBox);
        for (VBox b : java.util.List.of(containerBox, oldDirBox, stagingBox)) {
            HBox.setHgrow(b, javafx.scene.layout.Priority.ALWAYS);
            b.setPrefWidth(0);   // equal thirds, whatever the prompts' lengths
        }
        root.getChildren().add(resumeNote());
        if (oldHost && newHost) {
            container.disableProperty().unbind();
            container.disableProperty().bind(model.resuming.or(model.sourceComposeDir.isNotEmpty()));
        }
        if (!newHost) {
            TextField sourceDir = field("field-source-compose-dir", model.sourceComposeDir, I18n.t("source.composeDir.prompt"));
            container.disableProperty().unbind();
            container.disableProperty().bind(model.sourceComposeDir.isNotEmpty());
            VBox dirBox = mnemonicLabelled(I18n.t("source.composeDir"), sourceDir);
            HBox which = new HBox(12, containerBox, dirBox);
            HBox.setHgrow(dirBox, javafx.scene.layout.Priority.ALWAYS);
            dirBox.setPrefWidth(0);
            root.getChildren().addAll(hostBox("source", I18n.t("source.host"), model.sourceAddress, model.sourceReport), which, login);
            return;
        }
        if (oldHost) root.getChildren().add(hostBox("source", I18n.t("hosts.source"), model.sourceAddress, model.sourceReport));
        root.getChildren().addAll(hostBox("target", I18n.t("hosts.target"), model.targetAddress, model.targetReport),
                labelled(I18n.t("hosts.composeDir"), composeDir));
        // The container is the old host's; a load streams from here and stages nothing.
        if (oldHost) root.getChildren().add(optional);
        root.getChildren().add(login);
    }

    /** While resuming: which run, why the fields are locked, and the way out (first in the Tab order). */
    private Node resumeNote() {
        Label text = new Label();
        text.setId("resume-note-text");
        text.setWrapText(true);
        text.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> model.journal.get() == null ? ""
                : I18n.t("hosts.resume.note", model.journal.get().getFileName().toString().replaceAll("\\.json$", "")), model.journal));
        Button stop = new Button(I18n.t("hosts.resume.stop"));
        stop.setId("resume-stop");
        stop.setMnemonicParsing(true);
        stop.setMinWidth(Region.USE_PREF_SIZE);
        stop.disableProperty().bind(model.runActive);
        stop.setOnAction(e -> model.stopResuming());
        HBox note = new HBox(10, text, stop);
        HBox.setHgrow(text, javafx.scene.layout.Priority.ALWAYS);
        note.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        note.setId("resume-note");
        note.getStyleClass().add("resume-note");
        note.visibleProperty().bind(model.resuming);
        note.managedProperty().bind(note.visibleProperty());
        return note;
    }

    /** A field that defines the run: it cannot be changed while a journal is being resumed. */
    private <T extends Node> T locked(T n) {
        n.disableProperty().bind(model.resuming);
        return n;
    }

    private VBox hostBox(String id, String title, StringProperty address, ObjectProperty<HostReport> report) {
        TextField addr = locked(field("field-" + id, address, "ssh://user@host:22"));
        Button test = new Button(I18n.t("hosts.test." + id));
        test.setId("test-" + id);
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.setVisible(false);
        VBox result = new VBox();
        result.setId("result-" + id);
        test.disableProperty().bind(address.isEmpty().or(busy.visibleProperty()));
        test.setOnAction(e -> {
            busy.setVisible(true);
            result.getChildren().clear();
            SshAddress a;
            try {
                a = SshAddress.parse(address.get());
            } catch (RuntimeException ex) {
                busy.setVisible(false);
                result.getChildren().add(new ProblemView(ex));
                return;
            }
            SshOptions options = model.sshOptions();
            jobs.submit("probe " + a.display(), () -> new HostProbe(new SshConnector(prompter)).probe(a, options))
                    .whenComplete((r, ex) -> Platform.runLater(() -> {
                        busy.setVisible(false);
                        if (ex != null) {
                            result.getChildren().setAll(new ProblemView(ex));
                        } else {
                            report.set(r);
                            Label ok = new Label(I18n.t("hosts.ok", r.hostKeyFingerprint(), r.dockerVersion(), r.containers().size()));
                            ok.getStyleClass().add("success");
                            ok.setWrapText(true);
                            ok.setId("ok-" + id);
                            result.getChildren().setAll(ok);
                        }
                    }));
        });
        report.addListener((o, was, now) -> {
            if (now == null) result.getChildren().clear();
        });
        javafx.scene.control.MenuButton pick = new javafx.scene.control.MenuButton(I18n.t("hosts.fromConfig"));
        pick.setId("pick-" + id);
        javafx.beans.property.BooleanProperty none = new javafx.beans.property.SimpleBooleanProperty(true);
        noHosts.put(pick, none);
        pick.disableProperty().bind(none.or(model.resuming));
        pickers.add(pick);
        pick.setUserData(address);
        HBox row = new HBox(8, addr, pick, test, busy);
        HBox.setHgrow(addr, javafx.scene.layout.Priority.ALWAYS);
        Label t = new Label(title);
        t.getStyleClass().add("title-4");
        VBox box = new VBox(6, t, row, result);
        box.setPadding(new Insets(0, 0, 4, 0));
        return box;
    }

    /** A text field bound both ways to a model property, with an id for tests and a hint of what goes in. */
    static TextField field(String id, StringProperty bound, String prompt) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.textProperty().bindBidirectional(bound);
        return f;
    }

    private static VBox labelled(String label, Node n) {
        return new VBox(4, new Label(label), n);
    }

    /** Labelled with a mnemonic (Alt+letter) that focuses {@code n}. */
    private static VBox mnemonicLabelled(String label, Node n) {
        Label l = new Label(label);
        l.setMnemonicParsing(true);
        l.setLabelFor(n);
        return new VBox(4, l, n);
    }

    /** Fills the "From SSH config" lists with the config's Host names (read off the FX thread). */
    @Override
    public void shown() {
        java.util.Optional<java.nio.file.Path> config = model.sshOptions().sshConfig();
        jobs.submit("ssh config hosts", () -> io.sgmigrate.engine.ssh.SshConfigHosts.list(config.orElse(null)))
                .thenAccept(hosts -> Platform.runLater(() -> {
                    for (javafx.scene.control.MenuButton pick : pickers) {
                        pick.getItems().clear();
                        @SuppressWarnings("unchecked")
                        StringProperty target = (StringProperty) pick.getUserData();
                        for (String h : hosts) {
                            javafx.scene.control.MenuItem item = new javafx.scene.control.MenuItem(h);
                            item.setMnemonicParsing(false);
                            item.setOnAction(e -> target.set(h));
                            pick.getItems().add(item);
                        }
                        noHosts.get(pick).set(hosts.isEmpty());
                    }
                }));
    }

    @Override
    public String title() {
        return I18n.t(!newHost ? "source.title" : oldHost ? "hosts.title" : "target.title");
    }

    @Override
    public Node content() {
        return root;
    }

    @Override
    public ObservableBooleanValue valid() {
        return !newHost ? model.sourceValid : oldHost ? model.hostsValid : model.targetValid;
    }
}
