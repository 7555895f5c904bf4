package io.sgmigrate.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The window size and the last hosts come back next time; a secret never is among them. */
@ExtendWith(ApplicationExtension.class)
class WizardPrefsTest {
    static final Path PREFS = io.sgmigrate.support.TestPrefs.fresh();
    Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        new WizardPrefs(1111, 700, false, "ssh://admin@old.example", "ssh://admin@new.example", "/srv/compose", "/keys/id", "/keys/kh", "AGENT").save(PREFS);
        this.stage = stage;
        new WizardApp(PREFS).start(stage);
    }

    @Test
    void theLastHostsAndTheWindowSizeAreRememberedAndSavedAgainOnClose(FxRobot robot) throws Exception {
        robot.clickOn("#task-migrate");
        robot.clickOn("#nav-next");
        WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS,
                () -> "ssh://admin@old.example".equals(robot.lookup("#field-source").queryTextInputControl().getText()));
        assertEquals("/srv/compose", robot.lookup("#field-compose-dir").queryTextInputControl().getText());
        assertEquals(1111, stage.getWidth(), 1);
        assertTrue(robot.lookup("#login-agent").queryAs(javafx.scene.control.RadioButton.class).isSelected(), "the login choice is remembered too");
        robot.interact(() -> {
            robot.lookup("#field-target").queryTextInputControl().setText("ssh://ops@newer.example");
            robot.lookup("#field-source").queryTextInputControl().setText("admin:hunter2@old.example");
        });
        robot.interact(stage::close);
        io.sgmigrate.support.Fx.waitUntil(10, () -> Files.readString(PREFS).contains("newer.example"));
        String saved = Files.readString(PREFS);
        assertTrue(saved.contains("\"composeDir\":\"/srv/compose\""), saved);
        assertTrue(!saved.toLowerCase().contains("password") && !saved.toLowerCase().contains("passphrase"), saved);
        assertTrue(!saved.contains("hunter2") && saved.contains("\"source\":\"\""), "an address with a password is not remembered: " + saved);
    }
}
