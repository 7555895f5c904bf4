package io.sgmigrate.support;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Pictures of the wizard from a headless run (Monocle has no screen capture, so the scene is snapshotted), into
 * target/screenshots, or the folder named by {@code -Dsgmigrate.screenshots} (docs/screenshots for the README).
 */
public final class Screenshots {
    private Screenshots() {}

    public static Path folder() throws Exception {
        return Files.createDirectories(Path.of(System.getProperty("sgmigrate.screenshots", "target/screenshots")));
    }

    /** The page as it is now, light and dark: {@code NAME-light.png} and {@code NAME-dark.png}. */
    public static void both(FxRobot robot, Stage stage, String name) throws Exception {
        boolean wasDark = robot.lookup("#theme-dark").queryAs(javafx.scene.control.ToggleButton.class).isSelected();
        for (boolean dark : new boolean[] {false, true}) {
            if (robot.lookup("#theme-dark").queryAs(javafx.scene.control.ToggleButton.class).isSelected() != dark) {
                robot.interact(() -> robot.lookup("#theme-dark").queryAs(javafx.scene.control.ToggleButton.class).fire());
            }
            WaitForAsyncUtils.waitForFxEvents();
            shoot(stage, folder().resolve(name + (dark ? "-dark" : "-light") + ".png"));
        }
        if (!wasDark) robot.interact(() -> robot.lookup("#theme-dark").queryAs(javafx.scene.control.ToggleButton.class).fire());
        WaitForAsyncUtils.waitForFxEvents();
    }

    public static Path shoot(Stage stage, Path file) throws Exception {
        WritableImage[] holder = new WritableImage[1];
        WaitForAsyncUtils.asyncFx(() -> {
            Scene s = stage.getScene();
            holder[0] = s.snapshot(null);
        }).get();
        WritableImage fx = holder[0];
        int w = (int) fx.getWidth();
        int h = (int) fx.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader r = fx.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) out.setRGB(x, y, r.getArgb(x, y));
        }
        ImageIO.write(out, "png", file.toFile());
        return file;
    }
}
