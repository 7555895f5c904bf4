package io.sgmigrate.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.engine.journal.Journal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A load stopped in an earlier window (a crash, a closed window) is offered on the start page and taken up as a load. */
@ExtendWith(ApplicationExtension.class)
class WizardLoadResumeTest {
    static final String RUN = "20261203-070000-new-host";
    static final Map<String, String> RECORDED = Map.of("payload", "/payloads/customer.tar.gz.asc", "target", "ssh://admin@new-host.example",
            "composeDir", "/srv/deploy-sourcegraph-docker/docker-compose", "externalURL", "https://sourcegraph.new.example.com");

    private Path newerFile;
    private Path loadFile;

    @Start
    void start(Stage stage) throws Exception {
        Path home = io.sgmigrate.support.TempHome.enter();
        Journal j = Journal.create(home.resolve(".sgmigrate/runs/" + RUN + ".json"), RUN + ".json", RECORDED);
        j.done("preflight", Map.of());
        j.failed("restore", "the new host went away");
        Files.setLastModifiedTime(j.file(), java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        // A newer run that put a site configuration file in place: the command line's to resume, passed over here.
        newerFile = home.resolve(".sgmigrate/runs/20261203-080000-new-host.json");
        loadFile = j.file();
        Journal newer = Journal.create(newerFile, "newer", Map.of("payload", "/p.tar.gz",
                "target", "ssh://admin@new-host.example", "composeDir", "/srv/c", "siteConfig", "/site.json"));
        newer.failed("restore", "cut");
        new WizardApp(io.sgmigrate.support.TestPrefs.fresh()).start(stage);
    }

    @AfterAll
    static void restoreHome() {
        io.sgmigrate.support.TempHome.leave();
    }

    @Test
    void theOfferNamesThePayloadAndResumingTakesUpTheLoadWithItsFileAndUrl(FxRobot robot) throws Exception {
        io.sgmigrate.support.Fx.clickWhenThere(robot, "#resume-run");
        String offer = robot.lookup("#resume-found").queryAs(Label.class).getText();
        assertTrue(offer.contains(RECORDED.get("payload")) && offer.contains(RECORDED.get("target")) && offer.contains(RUN), offer);
        assertTrue(robot.lookup("#task-load").queryAs(RadioButton.class).isSelected(), "the task is the load");
        robot.clickOn("#nav-next");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("The customer's payload", robot.lookup("#wizard-title").queryAs(Label.class).getText());
        assertEquals(RECORDED.get("payload"), robot.lookup("#field-payload").queryTextInputControl().getText());
        assertEquals(RECORDED.get("externalURL"), robot.lookup("#field-external-url").queryTextInputControl().getText());
        assertTrue(robot.lookup("#nav-next").queryButton().isDisabled(), "what opens the file is asked for again: no key given yet");
    }

    @Test
    void theOpenJournalPageResumesALoadAsALoadAndSendsASiteConfigLoadToTheCommandLine(FxRobot robot) throws Exception {
        robot.clickOn("#task-open_journal");
        robot.clickOn("#nav-next");
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> robot.lookup("#field-journal").queryTextInputControl().setText(newerFile.toString()));
        robot.clickOn("#journal-open");
        io.sgmigrate.support.Fx.clickWhenThere(robot, "#journal-resume-cli");
        String cli = robot.lookup("#journal-resume-cli").queryAs(Label.class).getText();
        assertTrue(cli.contains("--resume --journal " + newerFile), cli);
        assertTrue(robot.lookup("#journal-resume").tryQuery().isEmpty(), "no wizard resume for it");

        robot.interact(() -> robot.lookup("#field-journal").queryTextInputControl().setText(loadFile.toString()));
        robot.clickOn("#journal-open");
        io.sgmigrate.support.Fx.waitUntil(20, () -> robot.lookup("#journal-resume").tryQuery().isPresent());
        assertEquals("Resume that load", robot.lookup("#journal-resume").queryButton().getText().replace("_", ""));
        robot.clickOn("#journal-resume");
        WaitForAsyncUtils.waitForFxEvents();
        List<String> rail = robot.lookup("#wizard-rail").queryAs(javafx.scene.layout.VBox.class).getChildren().stream()
                .map(n -> ((Label) n).getText()).toList();
        assertEquals(WizardLoadTaskTest.PAGES, rail, "now the load task's pages");
        assertEquals("The customer's payload", robot.lookup("#wizard-title").queryAs(Label.class).getText(), "at its first page, never past it");
        assertEquals(RECORDED.get("payload"), robot.lookup("#field-payload").queryTextInputControl().getText());
    }
}
