package io.sgmigrate.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.MenuButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Hosts page offers the Host entries of ~/.ssh/config, and picking one fills the address. */
@ExtendWith(ApplicationExtension.class)
class WizardSshConfigTest {

    @Start
    void start(Stage stage) throws Exception {
        Path home = io.sgmigrate.support.TempHome.enter();
        Files.createDirectories(home.resolve(".ssh"));
        Files.writeString(home.resolve(".ssh/config"), "Host *\n  ServerAliveInterval 30\nHost sg-old sg-new\n  User admin\n");
        new WizardApp(io.sgmigrate.support.TestPrefs.fresh()).start(stage);
    }

    @AfterAll
    static void restoreHome() {
        io.sgmigrate.support.TempHome.leave();
    }

    @Test
    void aHostFromTheSshConfigFillsTheAddress(FxRobot robot) throws Exception {
        robot.clickOn("#task-migrate");
        robot.clickOn("#nav-next");
        io.sgmigrate.support.Fx.waitUntil(10, () -> !robot.lookup("#pick-source").queryAs(MenuButton.class).isDisabled());
        MenuButton pick = robot.lookup("#pick-source").queryAs(MenuButton.class);
        assertEquals(java.util.List.of("sg-old", "sg-new"), pick.getItems().stream().map(i -> i.getText()).toList());
        robot.interact(() -> pick.getItems().get(1).fire());
        assertEquals("sg-new", robot.lookup("#field-source").queryTextInputControl().getText());
    }
}
