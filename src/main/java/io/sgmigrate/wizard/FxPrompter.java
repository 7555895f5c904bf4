package io.sgmigrate.wizard;

import io.sgmigrate.engine.prompt.HostKeyDecision;
import io.sgmigrate.engine.prompt.HostKeyQuestion;
import io.sgmigrate.engine.prompt.Prompter;
import io.sgmigrate.engine.prompt.SecretQuestion;
import io.sgmigrate.engine.secret.Secret;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Answers the engine's questions with dialogs. The worker thread waits on the future; the dialog is
 * opened on the FX thread and completes it, so the FX thread never waits on I/O.
 */
public final class FxPrompter implements Prompter {
    public static final ButtonType ACCEPT_ONCE = new ButtonType(I18n.t("hostKey.acceptOnce"), ButtonBar.ButtonData.OTHER);
    public static final ButtonType ACCEPT_REMEMBER = new ButtonType(I18n.t("hostKey.remember"), ButtonBar.ButtonData.OK_DONE);
    public static final ButtonType REJECT = new ButtonType(I18n.t("hostKey.reject"), ButtonBar.ButtonData.CANCEL_CLOSE);
    private final Window owner;

    public FxPrompter(Window owner) {
        this.owner = owner;
    }

    @Override
    public CompletableFuture<HostKeyDecision> unknownHostKey(HostKeyQuestion q) {
        return onFx(f -> {
            Alert a = new Alert(Alert.AlertType.WARNING, "", ACCEPT_ONCE, ACCEPT_REMEMBER, REJECT);
            a.initOwner(owner);
            a.setTitle(I18n.t("hostKey.title"));
            a.setHeaderText(I18n.t("hostKey.header", q.hostSpec()));
            TextField fp = new TextField(q.keyType() + " " + q.sha256Fingerprint());
            fp.setId("hostkey-fingerprint");
            fp.setEditable(false);
            VBox content = new VBox(8, new Label(I18n.t("hostKey.explain")), fp);
            // known_hosts knows this host by keys of other types: a reinstall, or someone in between. Said before anyone accepts.
            q.otherKeysWarning().ifPresent(w -> {
                Label warn = new Label(w);
                warn.setId("hostkey-other-types");
                warn.setWrapText(true);
                warn.getStyleClass().add("danger");
                content.getChildren().add(0, warn);
            });
            a.getDialogPane().setContent(content);
            ButtonType b = a.showAndWait().orElse(REJECT);
            f.complete(b == ACCEPT_ONCE ? HostKeyDecision.ACCEPT_ONCE
                    : b == ACCEPT_REMEMBER ? HostKeyDecision.ACCEPT_AND_REMEMBER : HostKeyDecision.REJECT);
        });
    }

    @Override
    public CompletableFuture<Secret> secret(SecretQuestion q) {
        return onFx(f -> {
            Dialog<ButtonType> d = new Dialog<>();
            d.initOwner(owner);
            d.setTitle(I18n.t("secret.title"));
            d.setHeaderText(I18n.t(q.kind() == SecretQuestion.Kind.KEY_PASSPHRASE ? "secret.passphrase" : "secret.password", q.subject()));
            PasswordField field = new PasswordField();
            field.setId("secret-field");
            d.getDialogPane().setContent(field);
            d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
            Platform.runLater(field::requestFocus);
            ButtonType b = d.showAndWait().orElse(ButtonType.CANCEL);
            // JavaFX keeps the text as a String inside the field; copy it out and clear the field at once.
            char[] chars = b == ButtonType.OK ? field.getCharacters().toString().toCharArray() : null;
            field.clear();
            f.complete(chars == null ? null : Secret.adopt(chars));
        });
    }

    @Override
    public CompletableFuture<Boolean> typedConfirmation(String what, String expected) {
        return onFx(f -> {
            Dialog<ButtonType> d = new Dialog<>();
            d.initOwner(owner);
            d.setTitle(I18n.t("confirm.title"));
            d.setHeaderText(what);
            TextField typed = new TextField();
            typed.setId("confirm-field");
            d.getDialogPane().setContent(new VBox(8, new Label(I18n.t("confirm.type", expected)), typed));
            d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
            d.getDialogPane().lookupButton(ButtonType.OK).disableProperty()
                    .bind(typed.textProperty().isNotEqualTo(expected));
            ButtonType b = d.showAndWait().orElse(ButtonType.CANCEL);
            f.complete(b == ButtonType.OK && expected.equals(typed.getText()));
        });
    }

    private static <T> CompletableFuture<T> onFx(Consumer<CompletableFuture<T>> ask) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                ask.accept(f);
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }
}
