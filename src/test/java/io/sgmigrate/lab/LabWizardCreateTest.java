package io.sgmigrate.lab;

import static io.sgmigrate.lab.LabWizardMigrationTest.answer;
import static io.sgmigrate.lab.LabWizardMigrationTest.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.engine.notice.MigrationNotice;
import io.sgmigrate.support.CustomerPayloads;
import io.sgmigrate.support.Fx;
import io.sgmigrate.support.Screenshots;
import io.sgmigrate.wizard.WizardApp;
import java.nio.file.Files;
import java.nio.file.Path;
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

/** A customer's site admin prepares the payload for support by clicking through the wizard, headless, against the lab's old instance. */
@ExtendWith(ApplicationExtension.class)
class LabWizardCreateTest extends LabLoadCase {
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
    void aSiteAdminPreparesASignedPayloadWithTheNoticeAndGetsTheLineForTheTicket(FxRobot robot) throws Exception {
        String support = make.newKey("Support <support@example.com>", "");
        Path pub = make.exportPublic(support, dir.resolve("support.asc"));
        String admin = make.newKey("Admin <admin@customer.example.com>", "admin pass");
        Path adminKey = make.exportSecret(admin, "admin pass", dir.resolve("admin-secret.asc"));
        Path out = dir.resolve("for-support.payload.asc");
        LabNoticeTest.noLeftoverNotice(run, lab);
        String settingsBefore = run.onSource("select contents from settings where org_id is null and user_id is null order by id desc limit 1");

        Fx.clickWhenThere(robot, "#task-create");
        Fx.assertMnemonicsUnique(stage.getScene());
        robot.clickOn("#nav-next");
        assertFalse(robot.lookup("#field-target").tryQuery().isPresent(), "a create has no new host");
        robot.interact(() -> {
            robot.lookup("#field-source").queryTextInputControl().setText(lab.source());
            robot.lookup("#field-identity").queryTextInputControl().setText(lab.identity().toString());
            robot.lookup("#field-known-hosts").queryTextInputControl().setText(lab.knownHosts().toString());
        });
        robot.clickOn("#test-source");
        waitFor(robot, 30, "#ok-source");
        Fx.assertMnemonicsUnique(stage.getScene());
        Screenshots.both(robot, stage, "create-2-source");

        robot.clickOn("#nav-next");
        assertTrue(robot.lookup("#nav-next").queryButton().isDisabled(), "no recipient yet");
        robot.interact(() -> robot.lookup("#field-recipient").queryTextInputControl().setText(pub.toString()));
        robot.clickOn("#add-recipient");
        Fx.waitUntil(30, () -> Fx.onFx(() -> robot.lookup("#recipients").queryListView().getItems().stream().anyMatch(i -> i.toString().startsWith(support))));
        robot.interact(() -> {
            robot.lookup("#field-out").queryTextInputControl().setText(out.toString());
            robot.lookup("#field-sign-with").queryTextInputControl().setText(adminKey.toString());
        });
        robot.clickOn("#create-armor");
        robot.clickOn("#create-notice");
        Fx.assertMnemonicsUnique(stage.getScene());
        Screenshots.both(robot, stage, "create-3-payload");

        // Pre-flight: the instance's checks and seed 001's (3.13.1 is older than 3.20.0: a warning, as no managed instance was asked for).
        robot.clickOn("#nav-next");
        Fx.waitUntil(120, () -> {
            String st = text(robot, "#preflight-status");
            return !st.isEmpty() && !st.startsWith("Checking");
        });
        assertTrue(text(robot, "#preflight-status").startsWith("All "), text(robot, "#preflight-status"));
        assertFalse(Files.exists(out), "pre-flight writes nothing");
        Screenshots.both(robot, stage, "create-4-preflight");

        // The run: the signing key's passphrase is asked once; then the notice, the dump, the check.
        robot.clickOn("#nav-next");
        Fx.waitUntil(120, () -> robot.lookup("#secret-field").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> robot.lookup("#secret-field").queryTextInputControl().setText("admin pass"));
        answer(robot, ButtonType.OK);
        waitFor(robot, 300, "#create-done");
        assertTrue(text(robot, "#create-done").startsWith("Done: " + out), text(robot, "#create-done"));
        String handover = robot.lookup("#create-handover").queryTextInputControl().getText();
        assertTrue(handover.contains(support) && handover.contains("signed by " + admin), handover);
        String sha = CustomerPayloads.exec(List.of("sha256sum", out.toString()), null).split("\\s+")[0];
        assertTrue(handover.contains(sha), "the handover names the file's SHA-256: " + handover);
        assertTrue(Files.readString(out).startsWith("-----BEGIN PGP MESSAGE-----"), "armored as asked");
        List<String> log = Fx.onFx(() -> robot.lookup("#create-log").queryListView().getItems().stream().map(Object::toString).toList());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("\u2714 Add the migration notice")), log.toString());
        assertTrue(MigrationNotice.present(run.onSource("select contents from settings where org_id is null and user_id is null order by id desc limit 1"),
                MigrationNotice.DEFAULT_MESSAGE), "the notice is shown on the instance: " + log);
        assertEquals("sgmigrate notice remove --host " + lab.source(), robot.lookup("#create-notice-command").queryTextInputControl().getText());
        Fx.assertMnemonicsUnique(stage.getScene());
        Screenshots.both(robot, stage, "create-5-done");

        // The report of what was written, from the run's journal, like the CLI's --report.
        robot.clickOn("#nav-next");
        robot.interact(() -> robot.lookup("#report-folder").queryTextInputControl().setText(dir.resolve("report").toString()));
        robot.clickOn("#report-export");
        io.sgmigrate.support.Fx.waitUntil(30, () -> !robot.lookup("#report-where").queryAs(javafx.scene.control.Label.class).getText().isEmpty());
        String report = Files.readString(dir.resolve("report").resolve("report.json"));
        assertTrue(report.contains("\"verdict\" : \"WRITTEN AND CHECKED\"") && report.contains(sha), report);
        assertTrue(report.contains("signed by " + admin), report);

        // Taken out again, as the page says.
        assertEquals(0, run.sgmigrate(List.of("notice", "remove", "--host", lab.source(), "--identity", lab.identity().toString(),
                "--known-hosts", lab.knownHosts().toString(), "--no-agent")).code());
        assertEquals(settingsBefore, run.onSource("select contents from settings where org_id is null and user_id is null order by id desc limit 1"));
    }
}
