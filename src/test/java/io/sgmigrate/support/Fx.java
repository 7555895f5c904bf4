package io.sgmigrate.support;

import java.util.concurrent.TimeUnit;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Small waits for controls that appear once background work (off the FX thread) has finished. */
public final class Fx {
    private Fx() {}

    public static void clickWhenThere(FxRobot robot, String query) throws java.util.concurrent.TimeoutException {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup(query).tryQuery().isPresent());
        robot.clickOn(query);
    }
}
