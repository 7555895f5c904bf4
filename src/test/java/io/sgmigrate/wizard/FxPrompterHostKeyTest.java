package io.sgmigrate.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.engine.prompt.HostKeyDecision;
import io.sgmigrate.engine.prompt.HostKeyQuestion;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The host-key question says so plainly when known_hosts knows the host by keys of other types. */
@ExtendWith(ApplicationExtension.class)
class FxPrompterHostKeyTest {
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new StackPane(), 200, 100));
        stage.show();
    }

    private CompletableFuture<HostKeyDecision> ask(FxRobot robot, HostKeyQuestion q) throws Exception {
        CompletableFuture<HostKeyDecision> answer = new FxPrompter(stage).unknownHostKey(q);
        io.sgmigrate.support.Fx.waitUntil(10, () -> showing(robot, "#hostkey-fingerprint").isPresent());
        return answer;
    }

    /** The node of the dialog on screen now (a closed dialog's nodes may still be found). */
    private static java.util.Optional<javafx.scene.Node> showing(FxRobot robot, String query) {
        return robot.lookup(query).match((javafx.scene.Node n) -> n.isVisible() && n.getScene() != null && n.getScene().getWindow() != null
                && n.getScene().getWindow().isShowing()).tryQuery();
    }

    /** Answers with Escape: the dialog's cancel button, Reject. */
    private static void reject(FxRobot robot) {
        robot.type(javafx.scene.input.KeyCode.ESCAPE);
    }

    @Test
    void otherKnownKeyTypesAreShownBeforeAnyoneAccepts(FxRobot robot) throws Exception {
        CompletableFuture<HostKeyDecision> answer = ask(robot, new HostKeyQuestion("new-host", 22, "ecdsa-sha2-nistp256", "SHA256:newkey",
                List.of("ssh-rsa SHA256:oldrsa")));
        Label warn = (Label) showing(robot, "#hostkey-other-types").orElseThrow();
        assertTrue(warn.getText().contains("ssh-rsa SHA256:oldrsa"), warn.getText());
        reject(robot);
        assertEquals(HostKeyDecision.REJECT, answer.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aHostNewToKnownHostsHasNoSuchWarning(FxRobot robot) throws Exception {
        CompletableFuture<HostKeyDecision> answer = ask(robot, new HostKeyQuestion("new-host", 22, "ssh-ed25519", "SHA256:newkey"));
        assertFalse(showing(robot, "#hostkey-other-types").isPresent());
        reject(robot);
        assertEquals(HostKeyDecision.REJECT, answer.get(10, TimeUnit.SECONDS));
    }
}
