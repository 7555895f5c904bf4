package io.sgmigrate.wizard;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Pictures of every page, light and dark, from the headless run (Monocle has no screen capture, so the
 * scene is snapshotted). Written to target/screenshots; to refresh the README's pictures run
 * {@code ./mvnw test -Dtest=ScreenshotsTest -Dsgmigrate.screenshots=docs/screenshots}.
 */
@ExtendWith(ApplicationExtension.class)
class ScreenshotsTest {
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        new WizardApp(io.sgmigrate.support.TestPrefs.fresh()).start(stage);
    }

    @Test
    void everyPageLightAndDark(FxRobot robot) throws Exception {
        Path dir = io.sgmigrate.support.Screenshots.folder();
        List<Path> written = new ArrayList<>();
        for (boolean dark : new boolean[] {false, true}) {
            String theme = dark ? "dark" : "light";
            if (dark) robot.clickOn("#theme-dark");
            if (robot.lookup("#nav-back").queryButton().isDisabled()) {
                robot.clickOn("#task-migrate");
            } else {
                robot.clickOn("#nav-back");
            }
            WaitForAsyncUtils.waitForFxEvents();
            written.add(shoot(dir.resolve("1-start-" + theme + ".png")));
            robot.clickOn("#nav-next");
            robot.interact(() -> {
                robot.lookup("#field-source").queryTextInputControl().setText("ssh://admin@old.example.com");
                robot.lookup("#field-target").queryTextInputControl().setText("ssh://admin@new.example.com");
                robot.lookup("#field-compose-dir").queryTextInputControl().setText("/home/admin/deploy-sourcegraph-docker/docker-compose");
            });
            WaitForAsyncUtils.waitForFxEvents();
            written.add(shoot(dir.resolve("2-hosts-" + theme + ".png")));
            for (String f : List.of("#field-source", "#field-target", "#field-compose-dir")) {
                robot.interact(() -> robot.lookup(f).queryTextInputControl().clear());
            }
        }
        for (Path p : written) {
            BufferedImage img = ImageIO.read(p.toFile());
            assertTrue(img.getWidth() >= 760 && img.getHeight() >= 520, p + " " + img.getWidth() + "x" + img.getHeight());
        }
    }

    @Test
    void theLoadTasksPayloadAndVerdictPages(FxRobot robot, @org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path tgz;
        try (InputStream in = getClass().getResourceAsStream("/io/sgmigrate/engine/dump/pg_dump-create-clean.sql")) {
            tgz = io.sgmigrate.support.TarGz.write(tmp.resolve("customer.tar.gz"), java.util.Map.of("src-snapshot/pgsql.sql", in.readAllBytes()));
        }
        robot.clickOn("#task-load");
        robot.clickOn("#nav-next");
        robot.interact(() -> {
            robot.lookup("#field-payload").queryTextInputControl().setText(tgz.toString());
            robot.lookup("#field-external-url").queryTextInputControl().setText("https://sourcegraph.new.example.com");
        });
        robot.clickOn("#opening-none");
        io.sgmigrate.support.Screenshots.both(robot, stage, "load-2-payload");
        robot.clickOn("#nav-next");
        io.sgmigrate.support.Fx.waitUntil(30, () -> robot.lookup("#verdict-passed").tryQuery().isPresent());
        io.sgmigrate.support.Screenshots.both(robot, stage, "load-3-verdict");
        Path dir = io.sgmigrate.support.Screenshots.folder();
        for (String name : List.of("load-2-payload", "load-3-verdict")) {
            for (String theme : List.of("light", "dark")) {
                BufferedImage img = ImageIO.read(dir.resolve(name + "-" + theme + ".png").toFile());
                assertTrue(img.getWidth() >= 760 && img.getHeight() >= 520, name + " " + img.getWidth() + "x" + img.getHeight());
            }
        }
    }

    private Path shoot(Path file) throws Exception {
        return io.sgmigrate.support.Screenshots.shoot(stage, file);
    }
}
