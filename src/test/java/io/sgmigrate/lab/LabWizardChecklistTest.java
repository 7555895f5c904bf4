package io.sgmigrate.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.engine.lab.LabEnvironment;
import io.sgmigrate.engine.shell.RemoteCommand;
import io.sgmigrate.engine.ssh.SshConnection;
import io.sgmigrate.support.Fx;
import io.sgmigrate.support.Lab;
import io.sgmigrate.support.LabRun;
import io.sgmigrate.support.Screenshots;
import io.sgmigrate.support.TestPrefs;
import io.sgmigrate.wizard.WizardApp;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.chart.LineChart;
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

/**
 * The wizard's verify page follows the new instance: a migration's journal opened, rows of the new instance changed as it
 * comes to life, "Check again": the items' status and evidence and the chart of repositories cloned move with it.
 */
@Tag("lab")
@ExtendWith(ApplicationExtension.class)
class LabWizardChecklistTest {
    @TempDir
    Path dir;
    LabEnvironment lab;
    Stage stage;

    @Start
    void start(Stage s) {
        stage = s;
        new WizardApp(TestPrefs.fresh()).start(s);
    }

    @AfterEach
    void freshTargetAgain() {
        if (lab != null) LabMigrationTest.freshTarget(new LabRun(lab, dir), lab);
    }

    private void onTarget(LabRun run, String sql) {
        try (SshConnection t = run.connect(lab.target())) {
            t.runChecked(RemoteCommand.of("docker", "exec", "pgsql", "psql", "-U", "sg", "-d", "sg", "-v", "ON_ERROR_STOP=1", "-At", "-c", sql));
        }
    }

    private static String text(FxRobot robot, String id) throws Exception {
        return Fx.onFx(() -> robot.lookup(id).tryQuery().map(n -> ((Label) n).getText()).orElse(""));
    }

    @SuppressWarnings("unchecked")
    private static int points(FxRobot robot) throws Exception {
        return Fx.onFx(() -> {
            LineChart<Number, Number> c = robot.lookup("#verify-clone-chart").queryAs(LineChart.class);
            return c.isVisible() ? c.getData().get(0).getData().size() : 0;
        });
    }

    private static void checkAgain(FxRobot robot) throws Exception {
        String before = text(robot, "#verify-looked");
        robot.interact(() -> robot.lookup("#verify-check-again").queryButton().fire());
        Fx.waitUntil(60, () -> {
            String now = text(robot, "#verify-looked");
            return !now.equals(before) && now.startsWith("Last look") || now.startsWith("The look failed");
        });
        assertTrue(text(robot, "#verify-looked").startsWith("Last look"), text(robot, "#verify-looked"));
    }

    @Test
    void checkAgainFollowsTheNewInstanceItemByItemAndTheChartFollowsTheClones(FxRobot robot) throws Exception {
        lab = Lab.require();
        LabRun run = new LabRun(lab, dir);
        assertEquals(0, run.sgmigrate(run.args("--yes")).code());
        boolean tables = "t".equals(run.onTarget("select to_regclass('public.gitserver_repos') is not null"));

        robot.clickOn("#task-open_journal");
        robot.clickOn("#nav-next");
        robot.interact(() -> robot.lookup("#field-journal").queryTextInputControl().setText(dir.resolve("run.json").toString()));
        robot.clickOn("#journal-open");
        Fx.waitUntil(10, () -> robot.lookup("#journal-finished").tryQuery().isPresent());
        robot.clickOn("#nav-next");
        Fx.waitUntil(10, () -> text(robot, "#verify-verdict").startsWith("Verification passed"));
        // The run's own first look is there before any click.
        Fx.waitUntil(10, () -> robot.lookup("#status-frontend-health").tryQuery().isPresent());
        assertEquals("\u2714", text(robot, "#status-frontend-health"));
        assertTrue(robot.lookup("#open-sign-in").tryQuery().isPresent(), "a manual item links to where to look");

        if (!tables) {
            // 3.13: no clone status in its schema: the item is the person's, with a link; no chart.
            assertTrue(robot.lookup("#check-repos-cloning").tryQuery().isPresent(), "a tick box where sgmigrate cannot see");
            assertTrue(text(robot, "#evidence-repos-cloning").contains("no gitserver_repos table"), text(robot, "#evidence-repos-cloning"));
            assertEquals(0, points(robot));
            checkAgain(robot);
            assertEquals("\u2714", text(robot, "#status-frontend-health"));
            return;
        }
        onTarget(run, "update gitserver_repos set clone_status = 'not_cloned'");
        onTarget(run, "insert into external_service_sync_jobs (external_service_id, state, started_at, finished_at, failure_message)"
                + " select id, 'errored', now(), now(), '401 Unauthorized: the token was revoked' from external_services where kind = 'GITLAB'");
        checkAgain(robot);
        assertEquals("\u2716", text(robot, "#status-code-hosts-syncing"));
        assertTrue(text(robot, "#evidence-code-hosts-syncing").contains("401 Unauthorized: the token was revoked"), text(robot, "#evidence-code-hosts-syncing"));
        assertEquals("\u25D4", text(robot, "#status-repos-cloning"));
        assertEquals(2, points(robot), "the run's look and this one");

        for (int q = 1; q <= 2; q++) {
            onTarget(run, "update gitserver_repos set clone_status = 'cloned' where repo_id in (select id from repo order by id limit " + 100 * q + ")");
            Thread.sleep(1100);
            checkAgain(robot);
        }
        assertEquals(4, points(robot));
        assertTrue(text(robot, "#evidence-repos-cloning").contains("cloned 200 of 300"), text(robot, "#evidence-repos-cloning"));
        assertTrue(text(robot, "#evidence-repos-cloning").contains("all cloned in about"), text(robot, "#evidence-repos-cloning"));
        Screenshots.both(robot, stage, "6-verify-checklist");

        onTarget(run, "update gitserver_repos set clone_status = 'cloned'");
        onTarget(run, "insert into external_service_sync_jobs (external_service_id, state, started_at, finished_at)"
                + " select id, 'completed', now(), now() from external_services");
        checkAgain(robot);
        assertEquals("\u2714", text(robot, "#status-repos-cloning"));
        assertEquals("\u2714", text(robot, "#status-code-hosts-syncing"));
        @SuppressWarnings("unchecked")
        List<javafx.scene.chart.XYChart.Data<Number, Number>> cloned = Fx.onFx(() ->
                List.copyOf(((LineChart<Number, Number>) robot.lookup("#verify-clone-chart").queryAs(LineChart.class)).getData().get(0).getData()));
        assertEquals(300, cloned.get(cloned.size() - 1).getYValue().intValue(), "the curve ends at all cloned");
        assertEquals(0, cloned.get(1).getYValue().intValue());
        assertFalse(text(robot, "#verify-looked").isEmpty());
    }
}
