package io.sgmigrate.lab;

import static io.sgmigrate.lab.LabWizardMigrationTest.answer;
import static io.sgmigrate.lab.LabWizardMigrationTest.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.support.Fx;
import io.sgmigrate.support.LabRun;
import io.sgmigrate.support.TempHome;
import io.sgmigrate.wizard.WizardApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A load killed as its restore begins (a crash, a power cut) is offered by the wizard's next start and clicked through
 * to the end against the lab: the file is read again, nothing destructive is repeated, and the data arrives.
 */
@ExtendWith(ApplicationExtension.class)
class LabWizardLoadResumeTest extends LabLoadCase {
    Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void realHome() {
        TempHome.leave();
    }

    private static String text(FxRobot robot, String query) throws Exception {
        return Fx.onFx(() -> robot.lookup(query).queryAs(Label.class).getText());
    }

    @Test
    void aLoadKilledAsItsRestoreBeginsIsOfferedAtTheNextStartAndFinishesThere(FxRobot robot) throws Exception {
        KeyedPayload made = armoredToAProtectedKey("key pass");
        Path secret = made.secretKey();
        Path payload = made.payload();
        Path keyPass = dir.resolve("key-pass.txt");
        Files.writeString(keyPass, "key pass\n");

        // Where the wizard keeps its runs: the killed command-line run's journal is the newest there.
        Path home = TempHome.enter();
        Path journal = Files.createDirectories(home.resolve(".sgmigrate/runs")).resolve("20261203-120000-" + io.sgmigrate.support.Lab.target(lab).host() + ".json");
        String oldBefore = run.hostState(true);
        LabRun.Result killed = run.sgmigrate(load(payload, "--secret-key", secret.toString(), "--key-passphrase-file", keyPass.toString(),
                "--external-url", NEW_URL, "--yes", "--journal", journal.toString()), line -> line.contains("Restore into scratch databases"));
        assertTrue(killed.code() != 0, killed.out());
        assertEquals("0", run.onTarget("select count(*) from users"), "the database in use holds what it held");

        robot.interact(() -> new WizardApp(io.sgmigrate.support.TestPrefs.fresh()).start(stage));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> Fx.onFx(() -> robot.lookup("#resume-run").tryQuery().isPresent()));
        String offer = text(robot, "#resume-found");
        assertTrue(offer.contains(payload.toString()), offer);
        robot.clickOn("#resume-run");
        robot.clickOn("#nav-next");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(payload.toString(), Fx.onFx(() -> robot.lookup("#field-payload").queryTextInputControl().getText()));
        assertEquals(NEW_URL, Fx.onFx(() -> robot.lookup("#field-external-url").queryTextInputControl().getText()));
        robot.interact(() -> robot.lookup("#field-secret-key").queryTextInputControl().setText(secret.toString()));
        robot.clickOn("#opening-secret-key");

        // What opens the file is asked again (never journalled): the key's passphrase, in its dialog.
        robot.clickOn("#nav-next");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> Fx.onFx(() -> robot.lookup("#secret-field").tryQuery().isPresent()));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> robot.lookup("#secret-field").queryTextInputControl().setText("key pass"));
        answer(robot, ButtonType.OK);
        waitFor(robot, 120, "#verdict-passed");

        robot.clickOn("#nav-next");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(lab.target(), Fx.onFx(() -> robot.lookup("#field-target").queryTextInputControl().getText()), "the journal's new host");
        assertEquals(lab.composeDir(), Fx.onFx(() -> robot.lookup("#field-compose-dir").queryTextInputControl().getText()));
        robot.interact(() -> {
            robot.lookup("#field-identity").queryTextInputControl().setText(lab.identity().toString());
            robot.lookup("#field-known-hosts").queryTextInputControl().setText(lab.knownHosts().toString());
        });
        robot.clickOn("#test-target");
        waitFor(robot, 30, "#ok-target");
        robot.clickOn("#nav-next");
        io.sgmigrate.support.Fx.waitUntil(120, () -> {
            String st = text(robot, "#preflight-status");
            return !st.isEmpty() && !st.startsWith("Checking");
        });
        robot.clickOn("#nav-next");
        robot.clickOn("#nav-next");
        waitFor(robot, 600, "#run-done");
        assertTrue(text(robot, "#run-done").startsWith("Load complete: "), text(robot, "#run-done"));
        List<String> log = Fx.onFx(() -> robot.lookup("#run-log").queryListView().getItems().stream().map(Object::toString).toList());
        assertTrue(log.stream().anyMatch(l -> l.contains("Stop the new deployment's application services (databases and volumes stay): already done")),
                "a destructive step is not repeated: " + log);
        assertFalse(robot.lookup("#confirm-field").tryQuery().isPresent(), "the host was confirmed before the kill: not asked again");
        assertEquals(oldBefore, run.hostState(true), "the old instance is only read");
        assertLoaded(NEW_URL);
    }
}
