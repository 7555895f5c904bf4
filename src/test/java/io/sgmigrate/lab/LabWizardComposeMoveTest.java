package io.sgmigrate.lab;

import static io.sgmigrate.lab.LabWizardMigrationTest.answer;
import static io.sgmigrate.lab.LabWizardMigrationTest.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.support.Fx;
import io.sgmigrate.support.Lab;
import io.sgmigrate.support.LabRun.Result;
import io.sgmigrate.support.OldHostCompose;
import io.sgmigrate.wizard.WizardApp;
import java.util.List;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A Docker Compose deployment moved to the new host by clicking through the wizard's migrate task with the old deployment's folder. */
@ExtendWith(ApplicationExtension.class)
class LabWizardComposeMoveTest extends LabLoadCase {
    Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        new WizardApp(io.sgmigrate.support.TestPrefs.fresh()).start(stage);
    }

    @Test
    void aSiteAdminMovesAComposeDeploymentAndEveryTableArrives(FxRobot robot) throws Exception {
        try (OldHostCompose old = OldHostCompose.up(lab)) {
            Result fill = run.sgmigrate(List.of("docker-to-compose", "--source", lab.source(), "--target", lab.source(), "--compose-dir", old.dir(),
                    "--journal", dir.resolve("fill.json").toString(), "--identity", lab.identity().toString(), "--known-hosts", lab.knownHosts().toString(),
                    "--no-agent", "--yes"));
            assertEquals(0, fill.code(), fill.out() + fill.err());

            Fx.clickWhenThere(robot, "#task-migrate");
            robot.clickOn("#nav-next");
            robot.interact(() -> {
                robot.lookup("#field-source").queryTextInputControl().setText(lab.source());
                robot.lookup("#field-target").queryTextInputControl().setText(lab.target());
                robot.lookup("#field-compose-dir").queryTextInputControl().setText(lab.composeDir());
                robot.lookup("#field-source-compose-dir").queryTextInputControl().setText(old.dir());
                robot.lookup("#field-identity").queryTextInputControl().setText(lab.identity().toString());
                robot.lookup("#field-known-hosts").queryTextInputControl().setText(lab.knownHosts().toString());
            });
            assertTrue(robot.lookup("#field-container").query().isDisabled(), "a Compose folder instead of a container");
            robot.clickOn("#test-source");
            waitFor(robot, 30, "#ok-source");
            robot.clickOn("#test-target");
            waitFor(robot, 30, "#ok-target");
            Fx.assertMnemonicsUnique(stage.getScene());

            robot.clickOn("#nav-next");
            Fx.waitUntil(120, () -> {
                String st = robot.lookup("#preflight-status").queryAs(Label.class).getText();
                return !st.isEmpty() && !st.startsWith("Checking");
            });
            assertTrue(robot.lookup("#preflight-status").queryAs(Label.class).getText().startsWith("All "),
                    robot.lookup("#preflight-status").queryAs(Label.class).getText());
            robot.clickOn("#nav-next");
            String plan = robot.lookup("#plan-commands").queryTextInputControl().getText();
            assertTrue(plan.contains("docker exec -i pgsql pg_dump -U sg"), "each database dumped in its own container: " + plan);

            robot.clickOn("#nav-next");
            Fx.waitUntil(120, () -> robot.lookup("#confirm-field").tryQuery().isPresent());
            WaitForAsyncUtils.waitForFxEvents();
            robot.interact(() -> robot.lookup("#confirm-field").queryTextInputControl().setText(Lab.target(lab).host()));
            answer(robot, ButtonType.OK);
            waitFor(robot, 300, "#run-done");

            String was = old.psql("pgsql", "sg", "sg", LabComposeToComposeTest.CONTENTS);
            assertTrue(was.contains("users="), was);
            assertEquals(was, run.onTarget(LabComposeToComposeTest.CONTENTS), "every table of the old deployment's frontend database");
        }
    }
}
