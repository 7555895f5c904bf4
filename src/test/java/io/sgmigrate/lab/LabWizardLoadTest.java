package io.sgmigrate.lab;

import static io.sgmigrate.lab.LabWizardMigrationTest.answer;
import static io.sgmigrate.lab.LabWizardMigrationTest.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.engine.verify.Finding;
import io.sgmigrate.support.Lab;
import io.sgmigrate.support.Screenshots;
import io.sgmigrate.wizard.WizardApp;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A customer's payload loaded by clicking through the wizard's load task, headless, into the lab's fresh Compose host. */
@ExtendWith(ApplicationExtension.class)
class LabWizardLoadTest extends LabLoadCase {
    Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        new WizardApp(io.sgmigrate.support.TestPrefs.fresh()).start(stage);
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    @Test
    void aSiteAdminLoadsAPayloadArmoredToAProtectedKeyAndTheDataArrives(FxRobot robot) throws Exception {
        KeyedPayload made = armoredToAProtectedKey("key pass");
        Path secret = made.secretKey();
        Path payload = made.payload();

        io.sgmigrate.support.Fx.clickWhenThere(robot, "#task-load");
        robot.clickOn("#nav-next");
        robot.interact(() -> {
            robot.lookup("#field-payload").queryTextInputControl().setText(payload.toString());
            robot.lookup("#field-secret-key").queryTextInputControl().setText(secret.toString());
            robot.lookup("#field-external-url").queryTextInputControl().setText(NEW_URL);
        });
        robot.clickOn("#opening-secret-key");
        Screenshots.both(robot, stage, "load-2-payload");

        // The key is protected: its passphrase is asked in a dialog, once.
        robot.clickOn("#nav-next");
        io.sgmigrate.support.Fx.waitUntil(60, () -> robot.lookup("#secret-field").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> robot.lookup("#secret-field").queryTextInputControl().setText("key pass"));
        answer(robot, ButtonType.OK);
        waitFor(robot, 120, "#verdict-passed");
        assertEquals("Every check passed.", text(robot, "#verdict-passed"));
        assertTrue(text(robot, "#verdict-signature").contains("UNSIGNED"), text(robot, "#verdict-signature"));
        assertTrue(text(robot, "#verdict-layout").contains("src snapshot databases"), text(robot, "#verdict-layout"));
        assertEquals("Data: Sourcegraph " + lab.version(), text(robot, "#verdict-version"));
        assertTrue(robot.lookup("#verdict-contents").queryTextInputControl().getText().contains("src-snapshot/pgsql.sql"));
        Screenshots.both(robot, stage, "load-3-verdict");

        robot.clickOn("#nav-next");
        assertFalse(robot.lookup("#field-source").tryQuery().isPresent(), "a load has no old host");
        robot.interact(() -> {
            robot.lookup("#field-target").queryTextInputControl().setText(lab.target());
            robot.lookup("#field-compose-dir").queryTextInputControl().setText(lab.composeDir());
            robot.lookup("#field-identity").queryTextInputControl().setText(lab.identity().toString());
            robot.lookup("#field-known-hosts").queryTextInputControl().setText(lab.knownHosts().toString());
        });
        robot.clickOn("#test-target");
        waitFor(robot, 30, "#ok-target");
        Screenshots.both(robot, stage, "load-4-target");

        robot.clickOn("#nav-next");
        io.sgmigrate.support.Fx.waitUntil(120, () -> {
            String st = text(robot, "#preflight-status");
            return !st.isEmpty() && !st.startsWith("Checking");
        });
        assertTrue(text(robot, "#preflight-status").startsWith("All "), text(robot, "#preflight-status"));
        assertFalse(robot.lookup("#nav-next").queryButton().isDisabled(), "nothing failed, so Next is enabled");
        Screenshots.both(robot, stage, "load-5-preflight");

        robot.clickOn("#nav-next");
        String plan = robot.lookup("#plan-commands").queryTextInputControl().getText();
        assertTrue(plan.contains("### this machine"), plan);
        assertTrue(plan.contains("psql -X -q -v ON_ERROR_STOP=1 -U sg -d sgmigrate_restore"), plan);
        assertTrue(plan.contains(payload.toString()), "the source is the payload file: " + plan);

        robot.clickOn("#nav-next");
        io.sgmigrate.support.Fx.waitUntil(120, () -> robot.lookup("#confirm-field").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> robot.lookup("#confirm-field").queryTextInputControl().setText(Lab.target(lab).host()));
        answer(robot, ButtonType.OK);
        waitFor(robot, 600, "#run-done");
        assertTrue(text(robot, "#run-done").startsWith("Load complete: "), text(robot, "#run-done"));
        assertFalse(robot.lookup("#secret-field").tryQuery().isPresent(), "the key's passphrase was asked only once");
        java.util.List<String> log = io.sgmigrate.support.Fx.onFx(() -> robot.lookup("#run-log").queryListView().getItems().stream().map(Object::toString).toList());
        assertFalse(log.stream().anyMatch(l -> l.contains("reading all of the payload file first")),
                "the verdict page's reading is the run's first: only the restore reads the file again: " + log);
        assertTrue(log.stream().anyMatch(l -> l.contains("restoring src-snapshot/pgsql.sql into pgsql")), log.toString());
        Screenshots.both(robot, stage, "load-7-run");

        robot.clickOn("#nav-next");
        io.sgmigrate.support.Fx.waitUntil(30, () -> text(robot, "#verify-verdict").startsWith("Verification passed"));
        @SuppressWarnings("unchecked")
        TableView<Finding> table = robot.lookup("#verify-table").queryAs(TableView.class);
        assertTrue(table.getItems().stream().noneMatch(f -> f.status() == Finding.Status.FAIL));

        robot.clickOn("#nav-next");
        robot.interact(() -> robot.lookup("#report-folder").queryTextInputControl().setText(dir.resolve("report").toString()));
        robot.clickOn("#report-export");
        io.sgmigrate.support.Fx.waitUntil(30, () -> !text(robot, "#report-where").isEmpty());
        assertTrue(Files.readString(dir.resolve("report/report.html")).contains("<table id=\"verification\">"));

        // The customer's data is on the new host, with the new externalURL.
        assertLoaded(NEW_URL);
    }
}
