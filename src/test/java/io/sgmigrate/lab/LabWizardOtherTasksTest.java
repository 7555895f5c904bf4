package io.sgmigrate.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.engine.lab.LabEnvironment;
import io.sgmigrate.support.Lab;
import io.sgmigrate.support.LabRun;
import io.sgmigrate.support.TestPrefs;
import io.sgmigrate.wizard.WizardApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The wizard's other two starts against the lab: verify an instance against a snapshot, and open a migration's journal. */
@Tag("lab")
@ExtendWith(ApplicationExtension.class)
class LabWizardOtherTasksTest {
    @TempDir
    Path dir;
    LabEnvironment lab;

    @Start
    void start(Stage stage) {
        new WizardApp(TestPrefs.fresh()).start(stage);
    }

    @AfterEach
    void freshTargetAgain() {
        if (lab != null) LabMigrationTest.freshTarget(new LabRun(lab, dir), lab);
    }

    private String verdict(FxRobot robot) {
        return robot.lookup("#verify-verdict").queryAs(Label.class).getText();
    }

    private void exportReport(FxRobot robot, Path to) throws Exception {
        robot.clickOn("#nav-next");
        robot.interact(() -> robot.lookup("#report-folder").queryTextInputControl().setText(to.toString()));
        robot.clickOn("#report-export");
        io.sgmigrate.support.Fx.waitUntil(30, () -> Files.exists(to.resolve("report.html")));
        assertTrue(Files.readString(to.resolve("report.html")).contains("<table id=\"verification\">"));
    }

    @Test
    void verifyAnInstanceAgainstItsSnapshot(FxRobot robot) throws Exception {
        lab = Lab.require();
        LabRun run = new LabRun(lab, dir);
        List<String> snap = new ArrayList<>(List.of("snapshot", "--host", lab.source(), "--container", lab.sourceContainer(),
                "--out", dir.resolve("baseline.json").toString(), "--identity", lab.identity().toString(), "--known-hosts", lab.knownHosts().toString(), "--no-agent"));
        assertEquals(0, run.sgmigrate(snap).code());
        assertEquals(0, run.sgmigrate(run.args("--yes")).code());

        // The migrated new instance against the old one's snapshot.
        robot.clickOn("#task-verify");
        robot.clickOn("#nav-next");
        robot.interact(() -> {
            robot.lookup("#field-baseline").queryTextInputControl().setText(dir.resolve("baseline.json").toString());
            robot.lookup("#field-verify-host").queryTextInputControl().setText(lab.target());
            robot.lookup("#field-verify-compose-dir").queryTextInputControl().setText(lab.composeDir());
            robot.lookup("#field-verify-identity").queryTextInputControl().setText(lab.identity().toString());
            robot.lookup("#field-verify-known-hosts").queryTextInputControl().setText(lab.knownHosts().toString());
        });
        robot.clickOn("#verify-run");
        io.sgmigrate.support.Fx.waitUntil(60, () -> robot.lookup("#verify-instance-done").tryQuery().isPresent()
                || robot.lookup("#problem-what").tryQuery().isPresent());
        assertTrue(robot.lookup("#verify-instance-done").tryQuery().isPresent(), "compared");
        robot.clickOn("#nav-next");
        io.sgmigrate.support.Fx.waitUntil(10, () -> verdict(robot).startsWith("Verification passed"));
        @SuppressWarnings("unchecked")
        var table = robot.lookup("#verify-table").queryAs(javafx.scene.control.TableView.class);
        assertTrue(table.getItems().size() > 10, "tables were compared: " + table.getItems().size());
        exportReport(robot, dir.resolve("verify-report"));
    }

    @Test
    void openAFinishedMigrationsJournalToSeeItsVerificationAndReport(FxRobot robot) throws Exception {
        lab = Lab.require();
        LabRun run = new LabRun(lab, dir);
        assertEquals(0, run.sgmigrate(run.args("--yes")).code());

        robot.clickOn("#task-open_journal");
        robot.clickOn("#nav-next");
        robot.interact(() -> robot.lookup("#field-journal").queryTextInputControl().setText(dir.resolve("run.json").toString()));
        robot.clickOn("#journal-open");
        io.sgmigrate.support.Fx.waitUntil(10, () -> robot.lookup("#journal-finished").tryQuery().isPresent());
        robot.clickOn("#nav-next");
        io.sgmigrate.support.Fx.waitUntil(10, () -> verdict(robot).startsWith("Verification passed"));
        exportReport(robot, dir.resolve("journal-report"));
        assertTrue(Files.readString(dir.resolve("journal-report/report.html")).contains("id=\"steps\""), "a migration's report lists its steps");
    }
}
