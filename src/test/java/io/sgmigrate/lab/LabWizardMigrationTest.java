package io.sgmigrate.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.engine.journal.Journal;
import io.sgmigrate.engine.lab.LabEnvironment;
import io.sgmigrate.engine.verify.Finding;
import io.sgmigrate.support.Lab;
import io.sgmigrate.support.LabRun;
import io.sgmigrate.support.Screenshots;
import io.sgmigrate.wizard.FxPrompter;
import io.sgmigrate.wizard.WizardApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The whole migration clicked through in the wizard, headless, against the lab's real hosts. */
@Tag("lab")
@ExtendWith(ApplicationExtension.class)
class LabWizardMigrationTest {
    @TempDir
    Path dir;
    LabEnvironment lab;
    Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        new WizardApp(io.sgmigrate.support.TestPrefs.fresh()).start(stage);
    }

    @AfterEach
    void freshTargetAgain() {
        if (lab != null) LabMigrationTest.freshTarget(new LabRun(lab, dir), lab);
    }

    static void waitFor(FxRobot robot, int seconds, String query) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> io.sgmigrate.support.Fx.onFx(() -> robot.lookup(query).tryQuery().isPresent()
                || robot.lookup("#problem-what").tryQuery().isPresent()));
        if (robot.lookup("#problem-what").tryQuery().isPresent() && robot.lookup(query).tryQuery().isEmpty()) {
            throw new AssertionError("the wizard shows a problem: " + robot.lookup("#problem-what").queryAs(Label.class).getText());
        }
    }

    /** Presses a button of the open dialog (the dialog's window may not count as visible to the robot yet). */
    static void answer(FxRobot robot, javafx.scene.control.ButtonType type) {
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> ((Button) robot.lookup(".dialog-pane").queryAs(javafx.scene.control.DialogPane.class).lookupButton(type)).fire());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aSiteAdminClicksThroughTheMigrationAndTheDataArrives(FxRobot robot) throws Exception {
        lab = Lab.require();
        LabRun run = new LabRun(lab, dir);
        Path empty = Files.createFile(dir.resolve("known_hosts"));
        io.sgmigrate.support.Fx.clickWhenThere(robot, "#use-lab");
        Screenshots.both(robot, stage, "1-start");
        robot.clickOn("#nav-next");
        // known_hosts starts empty: each host key is shown by its fingerprint and accepted for this session.
        robot.interact(() -> robot.lookup("#field-known-hosts").queryTextInputControl().setText(empty.toString()));
        robot.clickOn("#test-source");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> io.sgmigrate.support.Fx.onFx(() -> robot.lookup("#hostkey-fingerprint").tryQuery().isPresent()));
        assertTrue(robot.lookup("#hostkey-fingerprint").queryTextInputControl().getText().endsWith(" " + lab.require("LAB_SOURCE_HOSTKEY_SHA256")));
        answer(robot, FxPrompter.ACCEPT_REMEMBER);
        waitFor(robot, 30, "#ok-source");
        robot.clickOn("#test-target");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> io.sgmigrate.support.Fx.onFx(() -> robot.lookup("#hostkey-fingerprint").tryQuery().isPresent()));
        assertTrue(robot.lookup("#hostkey-fingerprint").queryTextInputControl().getText().endsWith(" " + lab.require("LAB_TARGET_HOSTKEY_SHA256")));
        answer(robot, FxPrompter.ACCEPT_REMEMBER);
        waitFor(robot, 30, "#ok-target");
        assertTrue(Files.readString(empty).contains("[127.0.0.1]:" + Lab.target(lab).port()), "remembered in the chosen known_hosts");
        Screenshots.both(robot, stage, "2-hosts");

        robot.clickOn("#nav-next");
        io.sgmigrate.support.Fx.waitUntil(60, () -> {
            String st = robot.lookup("#preflight-status").queryAs(Label.class).getText();
            return !st.isEmpty() && !st.startsWith("Checking");
        });
        assertFalse(robot.lookup("#nav-next").queryButton().isDisabled(), "nothing failed, so Next is enabled");
        assertTrue(robot.lookup("#preflight-status").queryAs(Label.class).getText().startsWith("All "),
                robot.lookup("#preflight-status").queryAs(Label.class).getText());
        Screenshots.both(robot, stage, "3-preflight");

        robot.clickOn("#nav-next");
        String plan = robot.lookup("#plan-commands").queryTextInputControl().getText();
        assertTrue(plan.contains("docker exec -i sourcegraph pg_dump"), plan);
        Screenshots.both(robot, stage, "4-plan");

        robot.clickOn("#nav-next");
        // A fresh target still needs the typed host name before anything on it is stopped.
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> io.sgmigrate.support.Fx.onFx(() -> robot.lookup("#confirm-field").tryQuery().isPresent()));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> robot.lookup("#confirm-field").queryTextInputControl().setText(Lab.target(lab).host()));
        answer(robot, javafx.scene.control.ButtonType.OK);
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> io.sgmigrate.support.Fx.onFx(() -> robot.lookup("#run-log").queryListView().getItems().stream()
                .anyMatch(l -> l.toString().startsWith("\u25B6 Dump"))));
        waitFor(robot, 300, "#run-done");
        Screenshots.both(robot, stage, "5-run");
        Button next = robot.lookup("#nav-next").queryButton();
        assertFalse(next.isDisabled(), "a passed migration may go on to its verification");
        Path journal = Files.list(Path.of(System.getProperty("user.home"), ".sgmigrate", "runs"))
                .filter(p -> p.toString().matches(".*-127\\.0\\.0\\.1\\.json$")).max(java.util.Comparator.comparing(p -> p.toFile().lastModified())).orElseThrow();
        assertTrue(Journal.load(journal).isDone("verify"));

        robot.clickOn("#nav-next");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> io.sgmigrate.support.Fx.onFx(() -> robot.lookup("#verify-verdict").queryAs(Label.class).getText().startsWith("Verification passed")));
        @SuppressWarnings("unchecked")
        TableView<Finding> table = robot.lookup("#verify-table").queryAs(TableView.class);
        assertTrue(table.getItems().stream().noneMatch(f -> f.status() == Finding.Status.FAIL));
        assertTrue(table.getItems().stream().anyMatch(f -> f.area().equals("frontend") && "users".equals(f.item())));
        Screenshots.both(robot, stage, "6-verify");
        robot.interact(() -> robot.lookup("#check-search").queryAs(javafx.scene.control.CheckBox.class).fire());
        io.sgmigrate.support.Fx.waitUntil(10, () -> Journal.load(journal).checklist().stream()
                .anyMatch(i -> i.id().equals("search") && i.status().equals("DONE")));

        robot.clickOn("#nav-next");
        robot.interact(() -> robot.lookup("#report-folder").queryTextInputControl().setText(dir.resolve("report").toString()));
        robot.clickOn("#report-export");
        io.sgmigrate.support.Fx.waitUntil(30, () -> !robot.lookup("#report-where").queryAs(Label.class).getText().isEmpty());
        assertTrue(Files.readString(dir.resolve("report/report.html")).contains("<table id=\"verification\">"));
        Screenshots.both(robot, stage, "7-report");

        // And the data is there, on the new host's database.
        assertEquals(run.onSource("select count(*) from users"), run.onTarget("select count(*) from users"));
        assertEquals(run.onSource(LabMigrationTest.contentSql("event_logs")), run.onTarget(LabMigrationTest.contentSql("event_logs")));
    }

    /** From the start page to the run page on the lab, with the lab's own known_hosts (no questions). */
    private void toTheRunPage(FxRobot robot, String composeDir) throws Exception {
        io.sgmigrate.support.Fx.clickWhenThere(robot, "#use-lab");
        robot.clickOn("#nav-next");
        if (composeDir != null) robot.interact(() -> robot.lookup("#field-compose-dir").queryTextInputControl().setText(composeDir));
        robot.clickOn("#test-source");
        waitFor(robot, 30, "#ok-source");
        robot.clickOn("#test-target");
        waitFor(robot, 30, "#ok-target");
        robot.clickOn("#nav-next");
        io.sgmigrate.support.Fx.waitUntil(60, () -> {
            String st = robot.lookup("#preflight-status").queryAs(Label.class).getText();
            return !st.isEmpty() && !st.startsWith("Checking");
        });
    }

    private void confirmWithTheHostName(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> io.sgmigrate.support.Fx.onFx(() -> robot.lookup("#confirm-field").tryQuery().isPresent()));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> robot.lookup("#confirm-field").queryTextInputControl().setText(Lab.target(lab).host()));
        answer(robot, javafx.scene.control.ButtonType.OK);
    }

    /** Through pre-flight and plan, confirm, and wait until the dump is under way. */
    private void runUntilTheDumpStarts(FxRobot robot) throws Exception {
        toTheRunPage(robot, null);
        robot.clickOn("#nav-next");
        robot.clickOn("#nav-next");
        confirmWithTheHostName(robot);
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> io.sgmigrate.support.Fx.onFx(() -> robot.lookup("#run-log").queryListView().getItems().stream()
                .anyMatch(l -> l.toString().startsWith("\u25B6 Dump"))));
    }

    @Test
    void aVersionMismatchFailsPreflightAndNextStaysDisabled(FxRobot robot) throws Exception {
        lab = Lab.require();
        String copy = "/tmp/sgmigrate-wizard-mismatch";
        try (var t = new LabRun(lab, dir).connect(lab.target())) {
            t.runChecked(io.sgmigrate.engine.shell.RemoteCommand.of("sh", "-c", "rm -rf \"$2\" && mkdir -p \"$2\" && cp -a \"$1\"/. \"$2\"/"
                    + " && sed -i \"s/:$3'/:3.99.0'/\" \"$2\"/*.yaml", "sh", lab.composeDir(), copy, lab.targetVersion()));
        }
        toTheRunPage(robot, copy);
        String status = robot.lookup("#preflight-status").queryAs(Label.class).getText();
        assertTrue(status.contains("failed"), status);
        assertTrue(robot.lookup(".check-fail").tryQuery().isPresent(), "the failed check is listed");
        assertTrue(robot.lookup("#nav-next").queryButton().isDisabled(), "Next stays disabled while a check fails");
    }

    @Test
    void cancelDuringTheTransferStatesEachHostAndResumeFinishes(FxRobot robot) throws Exception {
        lab = Lab.require();
        LabRun run = new LabRun(lab, dir);
        runUntilTheDumpStarts(robot);
        robot.clickOn("#run-cancel");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> io.sgmigrate.support.Fx.onFx(() -> robot.lookup("#run-host-state").tryQuery().isPresent()));
        String what = robot.lookup("#problem-what").queryAs(Label.class).getText();
        assertTrue(what.startsWith("The migration was cancelled during"), what);
        String state = robot.lookup("#run-host-state").queryAs(Label.class).getText();
        assertTrue(state.startsWith("Old host: unchanged") && state.contains("New host:"), state);
        assertEquals("0", run.onTarget("select count(*) from users"), "sg was not replaced");

        robot.clickOn("#run-resume");
        waitFor(robot, 300, "#run-done");
        assertEquals(run.onSource("select count(*) from event_logs"), run.onTarget("select count(*) from event_logs"));
    }

    @Test
    void closingTheWindowMidRunCancelsAndTheNextStartOffersToResume(FxRobot robot) throws Exception {
        lab = Lab.require();
        LabRun run = new LabRun(lab, dir);
        runUntilTheDumpStarts(robot);
        robot.interact(stage::close);
        Path journal = Files.list(Path.of(System.getProperty("user.home"), ".sgmigrate", "runs"))
                .filter(p -> p.toString().matches(".*-127\\.0\\.0\\.1\\.json$")).max(java.util.Comparator.comparing(p -> p.toFile().lastModified())).orElseThrow();
        io.sgmigrate.support.Fx.waitUntil(60, () -> Journal.load(journal).steps().stream()
                .anyMatch(st -> st.state == Journal.State.FAILED));

        // Started again: it offers the unfinished run, and takes it up where it stopped.
        robot.interact(() -> new WizardApp(io.sgmigrate.support.TestPrefs.fresh()).start(stage));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> io.sgmigrate.support.Fx.onFx(() -> robot.lookup("#resume-run").tryQuery().isPresent()));
        robot.clickOn("#resume-run");
        robot.clickOn("#nav-next");
        robot.clickOn("#test-source");
        waitFor(robot, 30, "#ok-source");
        robot.clickOn("#test-target");
        waitFor(robot, 30, "#ok-target");
        robot.clickOn("#nav-next");
        io.sgmigrate.support.Fx.waitUntil(60, () -> !robot.lookup("#preflight-status").queryAs(Label.class).getText().startsWith("Checking")
                && !robot.lookup("#preflight-status").queryAs(Label.class).getText().isEmpty());
        robot.clickOn("#nav-next");
        robot.clickOn("#nav-next");
        waitFor(robot, 300, "#run-done");
        assertTrue(robot.lookup("#run-log").queryListView().getItems().stream().anyMatch(l -> l.toString().contains("Stop the new deployment's application services (databases and volumes stay): already done")),
                "a destructive step is not repeated");
        assertEquals(run.onSource("select count(*) from users"), run.onTarget("select count(*) from users"));
    }
}
