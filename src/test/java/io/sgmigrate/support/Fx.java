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
        if (javafx.application.Platform.isFxApplicationThread()) return c.call();
        return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    }

    /** Waits until {@code condition}, evaluated on the FX thread (see {@link #onFx}), holds. */
    public static void waitUntil(long seconds, java.util.concurrent.Callable<Boolean> condition) throws java.util.concurrent.TimeoutException {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> onFx(condition));
    }

    public static void clickWhenThere(FxRobot robot, String query) throws java.util.concurrent.TimeoutException {
        waitUntil(20, () -> robot.lookup(query).tryQuery().isPresent());
        robot.clickOn(query);
    }

    /**
     * The Alt+letters of {@code scene} (the page and the frame around it: navigation, rail, menus), letter to the texts
     * that use it; a letter used twice sends Alt+letter to only one of them.
     */
    public static java.util.Map<String, java.util.List<String>> mnemonics(javafx.scene.Scene scene) throws Exception {
        return onFx(() -> {
            java.util.Map<String, java.util.List<String>> m = new java.util.TreeMap<>();
            for (javafx.scene.Node n : scene.getRoot().lookupAll("*")) {
                if (!(n instanceof javafx.scene.control.Labeled l) || !l.isMnemonicParsing() || !l.isVisible() || l.getText() == null) continue;
                if (!visibleUpTo(n)) continue;
                int u = l.getText().indexOf('_');
                if (u < 0 || u + 1 >= l.getText().length()) continue;
                m.computeIfAbsent(l.getText().substring(u + 1, u + 2).toLowerCase(java.util.Locale.ROOT), k -> new java.util.ArrayList<>()).add(l.getText());
            }
            return m;
        });
    }

    /** Fails when two visible controls of {@code scene} share an Alt+letter. */
    public static void assertMnemonicsUnique(javafx.scene.Scene scene) throws Exception {
        java.util.Map<String, java.util.List<String>> twice = new java.util.TreeMap<>(mnemonics(scene));
        twice.values().removeIf(l -> l.size() < 2);
        org.junit.jupiter.api.Assertions.assertEquals(java.util.Map.of(), twice, "one control per Alt+letter");
    }

    private static boolean visibleUpTo(javafx.scene.Node n) {
        for (javafx.scene.Node x = n; x != null; x = x.getParent()) if (!x.isVisible()) return false;
        return true;
    }
}
