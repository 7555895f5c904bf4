package io.sgmigrate.wizard.page;

import io.sgmigrate.engine.job.Jobs;
import io.sgmigrate.engine.payload.Protection;
import io.sgmigrate.wizard.I18n;
import io.sgmigrate.wizard.WizardModel;
import io.sgmigrate.wizard.WizardPage;
import javafx.application.Platform;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Prepare a payload: who opens it (support's public keys, each shown by its fingerprint once read), where the file
 * goes, an optional signature by the instance admin's key, and the options (armor, the migration notice, seed 001's
 * rules for a managed instance).
 */
public final class CreatePage implements WizardPage {
    private final WizardModel model;
    private final Jobs jobs;
    private final VBox root = new VBox(12);
    /** Each recipient as shown: its file, and once read its fingerprint and user ID, or why it cannot be used. */
    private final ObservableList<String> shown = FXCollections.observableArrayList();

    public CreatePage(WizardModel model, Jobs jobs) {
        this.model = model;
        this.jobs = jobs;
        root.setId("page-create");
        Label intro = new Label(I18n.t("create.intro"));
        intro.setWrapText(true);

        TextField key = new TextField();
        key.setId("field-recipient");
        key.setPromptText(I18n.t("create.recipient.prompt"));
        Button add = new Button(I18n.t("create.recipient.add"));
        add.setId("add-recipient");
        add.setMnemonicParsing(true);
        add.disableProperty().bind(key.textProperty().isEmpty());
        add.setOnAction(e -> {
            String f = key.getText().strip();
            if (!f.isEmpty() && !model.recipientFiles.contains(f)) model.recipientFiles.add(f);
            key.clear();
        });
        HBox addRow = new HBox(8, key, add);
        HBox.setHgrow(key, Priority.ALWAYS);
        ListView<String> list = new ListView<>(shown);
        list.setId("recipients");
        list.setPrefHeight(90);
        Button remove = new Button(I18n.t("create.recipient.remove"));
        remove.setId("remove-recipient");
        remove.setMnemonicParsing(true);
        remove.disableProperty().bind(list.getSelectionModel().selectedIndexProperty().lessThan(0));
        remove.setOnAction(e -> {
            int i = list.getSelectionModel().getSelectedIndex();
            if (i >= 0 && i < model.recipientFiles.size()) model.recipientFiles.remove(i);
        });
        model.recipientFiles.addListener((javafx.collections.ListChangeListener<String>) c -> describe());

        CheckBox armor = check("create-armor", "create.armor", model.armored);
        CheckBox notice = check("create-notice", "create.notice", model.notice);
        CheckBox managed = check("create-managed", "create.managed", model.managedInstance);
        root.getChildren().addAll(intro,
                PayloadPage.labelled(I18n.t("create.recipients"), addRow), list, remove,
                PayloadPage.labelled(I18n.t("create.out"), HostsPage.field("field-out", model.outFile, "~/sourcegraph-payload.gpg")),
                PayloadPage.labelled(I18n.t("create.signWith"), PayloadPage.fileRow("sign-with", model.signWithFile, I18n.t("create.signWith.prompt"))),
                armor, new VBox(2, notice, PayloadPage.help(I18n.t("create.notice.help"))), managed);
        describe();
    }

    private static CheckBox check(String id, String key, javafx.beans.property.BooleanProperty bound) {
        CheckBox c = new CheckBox(I18n.t(key));
        c.setId(id);
        c.setMnemonicParsing(true);
        c.selectedProperty().bindBidirectional(bound);
        return c;
    }

    /** The list as files first, then each with its fingerprint once read off the FX thread. */
    private void describe() {
        java.util.List<String> files = java.util.List.copyOf(model.recipientFiles);
        shown.setAll(files);
        for (int i = 0; i < files.size(); i++) {
            int at = i;
            String f = files.get(i);
            jobs.submit("read key " + f, () -> {
                try {
                    Protection.Recipient r = Protection.recipientFromFile(java.nio.file.Path.of(f.startsWith("~/") ? System.getProperty("user.home") + f.substring(1) : f));
                    return I18n.t("create.recipient.read", r.fingerprint(), r.userId(), f);
                } catch (RuntimeException e) {
                    io.sgmigrate.engine.Problem p = io.sgmigrate.engine.Problem.in(e);
                    return I18n.t("create.recipient.bad", f, p == null ? String.valueOf(e.getMessage()) : p.what());
                }
            }).thenAccept(text -> Platform.runLater(() -> {
                if (at < shown.size() && files.equals(model.recipientFiles)) shown.set(at, text);
            }));
        }
    }

    @Override
    public String title() {
        return I18n.t("create.title");
    }

    @Override
    public Node content() {
        return root;
    }

    @Override
    public ObservableBooleanValue valid() {
        return model.createValid;
    }
}
