package io.sgmigrate.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.engine.journal.Journal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Resuming a journal takes the hosts and folders it records and locks them; the only way to others is a new run. */
@ExtendWith(ApplicationExtension.class)
class WizardResumeTest {
    static final String RUN = "20261201-120000-new-staging";
    static final Map<String, String> RECORDED = Map.of("source", "ssh://admin@old.example", "target", "ssh://admin@new-staging.example",
            "composeDir", "/srv/staging", "container", "sourcegraph", "stagingDir", "/var/tmp/sgm");
    static final List<String> LOCKED = List.of("#field-source", "#field-target", "#field-compose-dir", "#field-container", "#field-staging-dir");

    @Start
    void start(Stage stage) throws Exception {
        Path home = io.sgmigrate.support.TempHome.enter();
        Journal j = Journal.create(home.resolve(".sgmigrate/runs/" + RUN + ".json"), RUN + ".json", RECORDED);
        j.done("preflight", Map.of());
        j.failed("stop-target", "the new host went away");
        new WizardApp(io.sgmigrate.support.TestPrefs.fresh()).start(stage);
    }

    @AfterAll
    static void restoreHome() {
        io.sgmigrate.support.TempHome.leave();
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryTextInputControl().getText();
    }

    private static void assertLocked(FxRobot robot, boolean locked) {
        for (String id : LOCKED) assertEquals(locked, robot.lookup(id).query().isDisabled(), id);
        for (String id : List.of("#pick-source", "#pick-target")) assertTrue(!locked || robot.lookup(id).query().isDisabled(), id);
        Node note = robot.lookup("#resume-note").query();
        assertEquals(locked, note.isVisible() && note.isManaged(), "the note says why the fields are locked");
    }

    private static void resumeAndGoToHosts(FxRobot robot) throws Exception {
        io.sgmigrate.support.Fx.clickWhenThere(robot, "#resume-run");
        robot.clickOn("#nav-next");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#page-hosts").tryQuery().isPresent());
    }

    @Test
    void resumingFillsTheFieldsFromTheJournalAndLocksThem(FxRobot robot) throws Exception {
        resumeAndGoToHosts(robot);
        assertEquals(RECORDED.get("source"), text(robot, "#field-source"));
        assertEquals(RECORDED.get("target"), text(robot, "#field-target"));
        assertEquals(RECORDED.get("composeDir"), text(robot, "#field-compose-dir"));
        assertEquals(RECORDED.get("container"), text(robot, "#field-container"));
        assertEquals(RECORDED.get("stagingDir"), text(robot, "#field-staging-dir"));
        assertLocked(robot, true);
        assertEquals(I18n.t("hosts.resume.note", RUN), robot.lookup("#resume-note-text").queryAs(Label.class).getText());
        assertFalse(robot.lookup("#test-target").queryButton().isDisabled(), "the recorded hosts can still be tested");

        // Alt+S, the button's mnemonic: a new run, every field editable again and still filled in.
        robot.push(KeyCode.ALT, KeyCode.S);
        WaitForAsyncUtils.waitForFxEvents();
        assertLocked(robot, false);
        assertEquals(RECORDED.get("target"), text(robot, "#field-target"));
        robot.interact(() -> robot.lookup("#field-target").queryTextInputControl().setText("ssh://admin@new-prod.example"));
        assertEquals("ssh://admin@new-prod.example", text(robot, "#field-target"));
        // The new fields' labels take Alt+C and Alt+E to them.
        robot.push(KeyCode.ALT, KeyCode.C);
        assertEquals("field-container", focusedId(robot));
        robot.push(KeyCode.ALT, KeyCode.E);
        assertEquals("field-staging-dir", focusedId(robot));
    }

    @Test
    void theNewRunButtonIsReachedWithTabAndPressedWithSpace(FxRobot robot) throws Exception {
        resumeAndGoToHosts(robot);
        assertLocked(robot, true);
        for (int i = 0; i < 20 && !"resume-stop".equals(focusedId(robot)); i++) robot.type(KeyCode.TAB);
        assertEquals("resume-stop", focusedId(robot));
        robot.type(KeyCode.SPACE);
        WaitForAsyncUtils.waitForFxEvents();
        assertLocked(robot, false);
    }

    @Test
    void goingBackToChooseAnotherTaskEndsTheResume(FxRobot robot) throws Exception {
        resumeAndGoToHosts(robot);
        assertLocked(robot, true);
        robot.clickOn("#nav-back");
        robot.clickOn("#task-verify");
        robot.clickOn("#task-migrate");
        robot.clickOn("#nav-next");
        io.sgmigrate.support.Fx.waitUntil(5, () -> robot.lookup("#page-hosts").tryQuery().isPresent());
        assertLocked(robot, false);
    }

    private static String focusedId(FxRobot robot) {
        Node n = robot.lookup("#page-hosts").query().getScene().getFocusOwner();
        return n == null ? null : n.getId();
    }
}
