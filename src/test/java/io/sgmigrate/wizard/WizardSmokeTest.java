package io.sgmigrate.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.engine.lab.LabEnvironment;
import javafx.application.Application;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Opens the real main window headless and checks the first page and the way to the second. */
@ExtendWith(ApplicationExtension.class)
class WizardSmokeTest {
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        new WizardApp(io.sgmigrate.support.TestPrefs.fresh()).start(stage);
    }

    @Test
    void theFirstPageAsksWhatToDoAndNextFollowsTheChoice(FxRobot robot) throws Exception {
        assertTrue(stage.isShowing());
        assertTrue(stage.getTitle().startsWith("sgmigrate "), stage.getTitle());
        assertEquals("Step 1 of 7", robot.lookup("#wizard-step").queryAs(Label.class).getText());
        assertEquals("What do you want to do?", robot.lookup("#wizard-title").queryAs(Label.class).getText());
        Button next = robot.lookup("#nav-next").queryButton();
        Button back = robot.lookup("#nav-back").queryButton();
        assertTrue(next.isDisabled(), "nothing chosen yet");
        assertTrue(back.isDisabled(), "first page");
        if (LabEnvironment.find().isPresent()) {
            io.sgmigrate.support.Fx.waitUntil(20, () -> robot.lookup("#use-lab").tryQuery().isPresent());
        } else {
            WaitForAsyncUtils.sleep(1, java.util.concurrent.TimeUnit.SECONDS);
            assertFalse(robot.lookup("#use-lab").tryQuery().isPresent(), "no lab, no rehearsal offered");
        }

        io.sgmigrate.support.Fx.assertMnemonicsUnique(stage.getScene());
        robot.clickOn("#task-migrate");
        assertFalse(next.isDisabled());
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Old and new host", robot.lookup("#wizard-title").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#page-hosts").tryQuery().isPresent());
        assertTrue(next.isDisabled(), "hosts not tested yet");
        io.sgmigrate.support.Fx.assertMnemonicsUnique(stage.getScene());

        robot.clickOn("#nav-back");
        assertEquals("What do you want to do?", robot.lookup("#wizard-title").queryAs(Label.class).getText());
    }

    @Test
    void theDarkThemeCanBeSwitchedOn(FxRobot robot) {
        String light = Application.getUserAgentStylesheet();
        robot.clickOn("#theme-dark");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(Application.getUserAgentStylesheet().contains("dark"), Application.getUserAgentStylesheet());
        assertFalse(light.contains("dark"), light);
    }

    @Test
    void theStartPagePlansAnUpgradeAndRefusesADowngradePlainly(FxRobot robot) throws Exception {
        robot.clickOn("#upgrade-tool");
        robot.interact(() -> {
            robot.lookup("#upgrade-from").queryTextInputControl().setText("3.42.0");
            robot.lookup("#upgrade-to").queryTextInputControl().setText("4.1.3");
        });
        // With the lab's offer shown the page scrolls and the button may lie below the fold: pressed as Enter in the field would.
        robot.interact(() -> robot.lookup("#upgrade-plan-button").queryButton().fire());
        String plan = robot.lookup("#upgrade-plan").queryTextInputControl().getText();
        assertTrue(plan.contains("3.42.0 \u2192 3.43.2 \u2192 4.0.1 \u2192 4.1.3"), plan);
        assertTrue(plan.contains("Or one multi-version upgrade with the migrator"), plan);
        io.sgmigrate.support.Fx.assertMnemonicsUnique(stage.getScene());
        io.sgmigrate.support.Screenshots.both(robot, stage, "start-upgrade-path");

        robot.interact(() -> robot.lookup("#upgrade-to").queryTextInputControl().setText("3.9.4"));
        robot.interact(() -> robot.lookup("#upgrade-plan-button").queryButton().fire());
        assertFalse(robot.lookup("#upgrade-plan").query().isVisible(), "no plan for a downgrade");
        String said = robot.lookup(".label").queryAllAs(Label.class).stream().map(Label::getText).filter(t -> t.contains("downgrade")).findFirst().orElse("");
        assertTrue(said.startsWith("3.42.0 to 3.9.4 is a downgrade"), said);
        assertEquals("What do you want to do?", robot.lookup("#wizard-title").queryAs(Label.class).getText(), "a tool on the start page, no task");
    }
}
