package io.sgmigrate.support;

import java.util.concurrent.TimeUnit;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Small waits for controls that appear once background work (off the FX thread) has finished. */
public final class Fx {
    private Fx() {}

    /**
     * {@code c} evaluated on the FX thread: a lookup from the test thread while a page rebuilds its nodes can read a
     * child list mid-change (seen as an IndexOutOfBoundsException inside Parent.lookupAll).
     */
    public static <T> T onFx(java.util.concurrent.Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    }

    public static void clickWhenThere(FxRobot robot, String query) throws java.util.concurrent.TimeoutException {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup(query).tryQuery().isPresent());
        robot.clickOn(query);
    }
}
