package io.sgmigrate.lab;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.engine.lab.LabEnvironment;
import io.sgmigrate.support.Lab;
import io.sgmigrate.wizard.WizardApp;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The wizard's "Rehearse on the local lab" and "Test connection" against the lab's real hosts. */
@Tag("lab")
@ExtendWith(ApplicationExtension.class)
class LabWizardHostsTest {
    @Start
    void start(Stage stage) {
        new WizardApp(io.sgmigrate.support.TestPrefs.fresh()).start(stage);
    }

    @Test
    void rehearsalFillsTheHostsAndBothConnectionsAreVerified(FxRobot robot) throws Exception {
        LabEnvironment lab = Lab.require();
        io.sgmigrate.support.Fx.clickWhenThere(robot, "#use-lab");
        robot.clickOn("#nav-next");
        robot.clickOn("#test-source");
        io.sgmigrate.support.Fx.waitUntil(30, () -> robot.lookup("#ok-source").tryQuery().isPresent()
                || robot.lookup("#problem-what").tryQuery().isPresent());
        assertTrue(robot.lookup("#ok-source").tryQuery().isPresent(), "source connected");
        String ok = robot.lookup("#ok-source").queryAs(Label.class).getText();
        assertTrue(ok.contains(lab.require("LAB_SOURCE_HOSTKEY_SHA256")), ok);
        assertTrue(robot.lookup("#nav-next").queryButton().isDisabled(), "the new host is not tested yet");

        robot.clickOn("#test-target");
        io.sgmigrate.support.Fx.waitUntil(30, () -> robot.lookup("#ok-target").tryQuery().isPresent()
                || robot.lookup("#problem-what").tryQuery().isPresent());
        assertTrue(robot.lookup("#ok-target").tryQuery().isPresent(), "target connected");
        assertTrue(robot.lookup("#ok-target").queryAs(Label.class).getText().contains(lab.require("LAB_TARGET_HOSTKEY_SHA256")));
        assertFalse(robot.lookup("#problem-what").tryQuery().isPresent());
    }

    @Test
    void aWrongPortIsSaidPlainlyOnTheHostsPage(FxRobot robot) throws Exception {
        Lab.require();
        io.sgmigrate.support.Fx.clickWhenThere(robot, "#use-lab");
        robot.clickOn("#nav-next");
        robot.interact(() -> robot.lookup("#field-source").queryTextInputControl().setText("ssh://sgold@127.0.0.1:1"));
        robot.clickOn("#test-source");
        io.sgmigrate.support.Fx.waitUntil(30, () -> robot.lookup("#problem-what").tryQuery().isPresent());
        String what = robot.lookup("#problem-what").queryAs(Label.class).getText();
        assertTrue(what.equals("Nothing accepts SSH connections on 127.0.0.1 port 1."), what);
    }

    @Test
    void aChangedHostKeyIsAHardStopWithItsExplanation(FxRobot robot, @org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        LabEnvironment lab = Lab.require();
        // known_hosts records the new host's key under the old host's name: the old host now presents a "changed" key.
        String targetLine = java.nio.file.Files.readAllLines(lab.knownHosts()).stream()
                .filter(l -> l.startsWith("[127.0.0.1]:" + Lab.target(lab).port() + " ")).findFirst().orElseThrow();
        java.nio.file.Path kh = tmp.resolve("known_hosts");
        java.nio.file.Files.writeString(kh, targetLine.replaceFirst("^\\S+", "[127.0.0.1]:" + Lab.source(lab).port()) + "\n");
        io.sgmigrate.support.Fx.clickWhenThere(robot, "#use-lab");
        robot.clickOn("#nav-next");
        robot.interact(() -> robot.lookup("#field-known-hosts").queryTextInputControl().setText(kh.toString()));
        robot.clickOn("#test-source");
        io.sgmigrate.support.Fx.waitUntil(30, () -> robot.lookup("#problem-what").tryQuery().isPresent());
        String what = robot.lookup("#problem-what").queryAs(Label.class).getText();
        assertTrue(what.startsWith("DANGER: the host key of") && what.contains("CHANGED"), what);
        assertFalse(robot.lookup("#hostkey-fingerprint").tryQuery().isPresent(), "never a question");
        assertTrue(robot.lookup("#nav-next").queryButton().isDisabled());
    }
}
