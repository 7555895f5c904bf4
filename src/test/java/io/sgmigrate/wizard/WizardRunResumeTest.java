package io.sgmigrate.wizard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.engine.job.Jobs;
import io.sgmigrate.engine.journal.Journal;
import io.sgmigrate.engine.migrate.RunFiles;
import io.sgmigrate.wizard.page.RunPage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The run page's own check: a journal recorded for another target or compose dir is never resumed, however the model got there. */
@ExtendWith(ApplicationExtension.class)
class WizardRunResumeTest {
    // Nothing listens on port 1: a resume that got as far as connecting fails there at once.
    static final Map<String, String> RECORDED = Map.of("source", "ssh://u@127.0.0.1:1", "target", "ssh://u@127.0.0.1:1", "composeDir", "/srv/staging");
    final WizardModel model = new WizardModel();
    Jobs jobs;
    RunPage page;
    Path journal;

    @Start
    void start(Stage stage) throws Exception {
        journal = Files.createTempDirectory("sgmigrate-run").resolve("run.json");
        Journal j = Journal.create(journal, "run.json", RECORDED);
        j.done("preflight", Map.of());
        j.failed("stop-target", "the new host went away");
        RunFiles.newPassphrase(RunFiles.keyFile(journal)).close();
        jobs = new Jobs();
        page = new RunPage(model, jobs, new FxPrompter(stage));
        stage.setScene(new Scene(new StackPane(page.content()), 900, 600));
        stage.show();
    }

    @AfterEach
    void stop() {
        jobs.close();
    }

    private String resumeWith(FxRobot robot, String target, String composeDir) throws Exception {
        robot.interact(() -> {
            model.sourceAddress.set(RECORDED.get("source"));
            model.targetAddress.set(target);
            model.composeDir.set(composeDir);
            model.journal.set(journal);   // set directly: the page must not trust that the fields match
            page.shown();
        });
        io.sgmigrate.support.Fx.waitUntil(30, () -> robot.lookup("#problem-what").tryQuery().isPresent());
        return robot.lookup("#problem-what").queryAs(Label.class).getText();
    }

    @Test
    void anotherTargetIsRefusedBeforeAnythingRuns(FxRobot robot) throws Exception {
        byte[] before = Files.readAllBytes(journal);
        String what = resumeWith(robot, "ssh://u@127.0.0.2:1", "/srv/staging");
        assertEquals(I18n.t("run.resume.mismatch.what", "run.json"), what);
        assertFalse(robot.lookup("#run-resume").query().isVisible(), "Resume would only be refused again");
        assertArrayEquals(before, Files.readAllBytes(journal), "the journal was not touched");
    }

    @Test
    void anotherComposeDirIsRefused(FxRobot robot) throws Exception {
        String what = resumeWith(robot, RECORDED.get("target"), "/srv/prod");
        assertEquals(I18n.t("run.resume.mismatch.what", "run.json"), what);
    }

    @Test
    void theRecordedValuesPassTheCheck(FxRobot robot) throws Exception {
        String what = resumeWith(robot, RECORDED.get("target"), RECORDED.get("composeDir"));
        assertNotEquals(I18n.BUNDLE.containsKey("run.resume.mismatch.what") ? I18n.t("run.resume.mismatch.what", "run.json") : "", what);
        assertTrue(robot.lookup("#run-log").queryListView().getItems().contains(I18n.t("run.key", RunFiles.keyFile(journal))),
                "the run went on to the engine (which found nothing on port 1)");
    }
}
