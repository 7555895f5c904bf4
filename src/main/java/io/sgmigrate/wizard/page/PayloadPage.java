package io.sgmigrate.wizard.page;

import io.sgmigrate.engine.secret.Secret;
import io.sgmigrate.wizard.I18n;
import io.sgmigrate.wizard.WizardModel;
import io.sgmigrate.wizard.WizardModel.Opening;
import io.sgmigrate.wizard.WizardPage;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * Load, page 2: the customer's payload file, what opens it (a secret key file, whose passphrase is asked when the key is
 * protected, or the payload's passphrase), the customer's public key to check its signature, and a new externalURL.
 */
public final class PayloadPage implements WizardPage {
    private final WizardModel model;
    private final VBox root = new VBox(14);
    private final PasswordField passphrase = new PasswordField();
    /** Set while the page clears its own field: that is not the person deleting the passphrase. */
    private boolean letGo;

    public PayloadPage(WizardModel model) {
        this.model = model;
        root.setId("page-payload");
        Label intro = new Label(I18n.t("payload.intro"));
        intro.setWrapText(true);

        ToggleGroup how = new ToggleGroup();
        // Four choices: they wrap onto a second line rather than being cut short.
        javafx.scene.layout.FlowPane openings = new javafx.scene.layout.FlowPane(14, 6);
        for (Opening o : Opening.values()) {
            RadioButton r = new RadioButton(I18n.t("payload.opening." + o.name()));
            r.setId("opening-" + o.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            r.setMnemonicParsing(true);
            r.setUserData(o);
            r.setToggleGroup(how);
            r.setSelected(model.opening.get() == o);
            openings.getChildren().add(r);
        }
        how.selectedToggleProperty().addListener((o, a, t) -> {
            if (t != null) model.opening.set((Opening) t.getUserData());
        });
        model.opening.addListener((o, a, m) -> how.getToggles().forEach(t -> t.setSelected(t.getUserData() == m)));

        VBox key = shownFor(Opening.SECRET_KEY, labelled(I18n.t("payload.secretKey"), fileRow("secret-key", model.secretKeyFile, "~/support-key.asc")),
                help(I18n.t("payload.secretKey.help")));
        VBox keyring = shownFor(Opening.GNUPG, labelled(I18n.t("payload.gnupgHome"), HostsPage.field("field-gnupg-home", model.gnupgHome, "~/.gnupg")),
                help(I18n.t("payload.gnupgHome.help")));
        passphrase.setId("field-passphrase");
        passphrase.setPromptText(I18n.t("payload.passphrase.prompt"));
        // Each change goes into the model as a Secret (copied char by char, never through a String of ours).
        passphrase.textProperty().addListener((o, a, b) -> {
            if (letGo) return;
            CharSequence cs = passphrase.getCharacters();
            char[] chars = new char[cs.length()];
            for (int i = 0; i < chars.length; i++) chars[i] = cs.charAt(i);
            model.givePassphrase(chars.length == 0 ? null : Secret.adopt(chars));
        });
        Label kept = help(I18n.t("payload.passphrase.kept"));
        kept.setId("passphrase-kept");
        kept.visibleProperty().bind(model.payloadPassphrase.isNotNull().and(passphrase.textProperty().isEmpty()));
        kept.managedProperty().bind(kept.visibleProperty());
        VBox pass = shownFor(Opening.PASSPHRASE, labelled(I18n.t("payload.passphrase"), passphrase), kept);

        TextField url = HostsPage.field("field-external-url", model.externalUrl, "https://sourcegraph.example.com");
        Label urlProblem = new Label();
        urlProblem.setId("external-url-problem");
        urlProblem.setWrapText(true);
        urlProblem.getStyleClass().add("danger");
        urlProblem.textProperty().bind(model.externalUrlProblem);
        urlProblem.visibleProperty().bind(model.externalUrlProblem.isNotEmpty());
        urlProblem.managedProperty().bind(urlProblem.visibleProperty());

        root.getChildren().addAll(intro,
                labelled(I18n.t("payload.file"), fileRow("payload", model.payloadFile, "customer.tar.gz.asc")),
                new VBox(4, new Label(I18n.t("payload.opening")), openings), key, keyring, pass,
                new VBox(4, labelled(I18n.t("payload.signer"), fileRow("signer", model.signerFile, I18n.t("payload.signer.prompt"))),
                        help(I18n.t("payload.signer.help"))),
                new VBox(4, labelled(I18n.t("payload.externalUrl"), url), urlProblem, help(I18n.t("payload.externalUrl.help"))));
    }

    /** A file field with its "Browse…" (a file chooser) beside it. */
    static HBox fileRow(String id, StringProperty bound, String prompt) {
        TextField f = HostsPage.field("field-" + id, bound, prompt);
        Button browse = new Button(I18n.t("payload.browse"));
        browse.setId("browse-" + id);
        browse.setOnAction(e -> {
            java.io.File chosen = new FileChooser().showOpenDialog(browse.getScene().getWindow());
            if (chosen != null) bound.set(chosen.getPath());
        });
        HBox row = new HBox(8, f, browse);
        HBox.setHgrow(f, Priority.ALWAYS);
        return row;
    }

    /** Labelled with a mnemonic (Alt+letter) that focuses the row's field. */
    static VBox labelled(String label, Node n) {
        Label l = new Label(label);
        l.setMnemonicParsing(true);
        l.setLabelFor(n instanceof HBox row ? row.getChildren().get(0) : n);
        return new VBox(4, l, n);
    }

    static Label help(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("text-muted");
        l.setWrapText(true);
        return l;
    }

    private VBox shownFor(Opening o, Node... children) {
        VBox box = new VBox(4, children);
        box.visibleProperty().bind(model.opening.isEqualTo(o));
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    /** The field's text goes when the page does: the model keeps the passphrase as a Secret only. */
    @Override
    public void hidden() {
        letGo = true;
        passphrase.clear();
        letGo = false;
    }

    @Override
    public String title() {
        return I18n.t("payload.title");
    }

    @Override
    public Node content() {
        return root;
    }

    @Override
    public ObservableBooleanValue valid() {
        return model.payloadValid;
    }
}
