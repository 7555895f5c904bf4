package io.sgmigrate.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import javafx.application.Application;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The rail lists the flow's pages and marks each done, current or to come, as the person moves and the flow changes. */
@ExtendWith(ApplicationExtension.class)
class WizardRailTest {
    /** A page that only has a title and a switch for its Next. */
    static final class FakePage implements WizardPage {
        final String title;
        final BooleanProperty valid = new SimpleBooleanProperty(true);
        private final VBox content = new VBox();

        FakePage(String title) {
            this.title = title;
            content.getChildren().add(new Label(title));
        }

        @Override
        public String title() {
            return title;
        }

        @Override
        public Node content() {
            return content;
        }

        @Override
        public ObservableBooleanValue valid() {
            return valid;
        }
    }

    private final WizardModel model = new WizardModel();
    private List<FakePage> nine;
    private List<FakePage> three;
    private final ObjectProperty<List<FakePage>> flow = new SimpleObjectProperty<>();
    private Stage stage;

    @Start
    void start(Stage stage) {
        // Nodes only once the toolkit is up.
        nine = IntStream.rangeClosed(1, 9).mapToObj(i -> new FakePage("Page " + i)).toList();
        three = List.of(nine.get(0), new FakePage("Other A"), new FakePage("Other B"));
        flow.set(nine);
        this.stage = stage;
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        model.darkTheme.addListener((o, a, dark) -> Application.setUserAgentStylesheet(
                dark ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet()));
        WizardFrame frame = new WizardFrame(model, () -> new ArrayList<WizardPage>(flow.get()), () -> {});
        stage.setScene(new Scene(frame, 980, 680));
        stage.show();
    }

    private static List<Label> items(FxRobot robot) {
        VBox rail = robot.lookup("#wizard-rail").queryAs(VBox.class);
        return rail.getChildren().stream().map(Label.class::cast).toList();
    }

    private static String state(Label item) {
        return item.getStyleClass().stream().filter(c -> c.startsWith("rail-") && !c.equals("rail-item")).findFirst().orElseThrow();
    }

    /** The states of all items, e.g. "done,current,to-come". */
    private static String states(FxRobot robot) {
        return String.join(",", items(robot).stream().map(l -> state(l).substring("rail-".length())).toList());
    }

    private static String expected(int done, int total) {
        List<String> s = new ArrayList<>();
        for (int i = 0; i < total; i++) s.add(i < done ? "done" : i == done ? "current" : "to-come");
        return String.join(",", s);
    }

    @Test
    void listsEveryPageAndFollowsNextAndBack(FxRobot robot) {
        List<Label> items = items(robot);
        assertEquals(nine.stream().map(p -> p.title).toList(), items.stream().map(Label::getText).toList());
        for (int i = 0; i < items.size(); i++) assertEquals("rail-" + i, items.get(i).getId());
        assertEquals(expected(0, 9), states(robot));

        for (int i = 0; i < 5; i++) robot.clickOn("#nav-next");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Step 6 of 9", robot.lookup("#wizard-step").queryAs(Label.class).getText());
        assertEquals(expected(5, 9), states(robot));
        assertEquals("Page 5, done", robot.lookup("#rail-4").queryAs(Label.class).getAccessibleText());
        assertEquals("Page 6, current step", robot.lookup("#rail-5").queryAs(Label.class).getAccessibleText());
        assertEquals("Page 7, to come", robot.lookup("#rail-6").queryAs(Label.class).getAccessibleText());
        assertTrue(robot.lookup("#rail-5").queryAs(Label.class).getStyleClass().containsAll(List.of("accent", "text-bold")));
        assertTrue(robot.lookup("#rail-6").queryAs(Label.class).getStyleClass().contains("text-muted"));

        robot.clickOn("#nav-back");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(expected(4, 9), states(robot));
        robot.clickOn("#nav-next");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(expected(5, 9), states(robot));
    }

    @Test
    void neverJumpsAheadAndGoesBackOnlyToDonePages(FxRobot robot) {
        robot.clickOn("#nav-next");
        robot.clickOn("#nav-next");
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> nine.get(2).valid.set(false));
        assertTrue(robot.lookup("#nav-next").queryButton().isDisabled());

        robot.clickOn("#rail-5");   // to come, past a page whose Next is not allowed
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(expected(2, 9), states(robot));
        assertEquals("Page 3", robot.lookup("#wizard-title").queryAs(Label.class).getText());

        robot.clickOn("#rail-0");   // done: back to it
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(expected(0, 9), states(robot));
        assertEquals("Page 1", robot.lookup("#wizard-title").queryAs(Label.class).getText());
    }

    @Test
    void changesWithTheFlow(FxRobot robot) {
        // The flow read again at a move.
        robot.interact(() -> flow.set(three));
        robot.clickOn("#nav-next");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("Page 1", "Other A", "Other B"), items(robot).stream().map(Label::getText).toList());
        assertEquals(expected(1, 3), states(robot));
        assertEquals("Step 2 of 3", robot.lookup("#wizard-step").queryAs(Label.class).getText());

        // A task chosen on the first page changes the rail at once, without a move.
        robot.clickOn("#nav-back");
        robot.interact(() -> {
            flow.set(nine);
        this.stage = stage;
            model.task.set(WizardModel.Task.VERIFY);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(9, items(robot).size());
        assertEquals(expected(0, 9), states(robot));
        assertEquals("Step 1 of 9", robot.lookup("#wizard-step").queryAs(Label.class).getText());
    }

    @Test
    void takesNoFocusAndFollowsTheTheme(FxRobot robot) {
        VBox rail = robot.lookup("#wizard-rail").queryAs(VBox.class);
        assertFalse(rail.isFocusTraversable());
        items(robot).forEach(l -> assertFalse(l.isFocusTraversable(), l.getId()));
        for (int i = 0; i < 12; i++) {
            robot.type(KeyCode.TAB);
            Node f = rail.getScene().getFocusOwner();
            for (Node n = f; n != null; n = n.getParent()) assertNotEquals(rail, n, "focus went to the rail: " + f);
        }

        Color light = (Color) robot.lookup("#rail-0").queryAs(Label.class).getTextFill();
        robot.interact(() -> model.darkTheme.set(true));
        WaitForAsyncUtils.waitForFxEvents();
        Color dark = (Color) robot.lookup("#rail-0").queryAs(Label.class).getTextFill();
        assertEquals(Color.web("#0969da"), light, "light theme's -color-accent-fg");
        assertEquals(Color.web("#58a6ff"), dark, "dark theme's -color-accent-fg");
        robot.interact(() -> model.darkTheme.set(false));
    }

    @Test
    void aNarrowWindowKeepsOnlyTheBadges(FxRobot robot) {
        Label first = robot.lookup("#rail-0").queryAs(Label.class);
        assertEquals(javafx.scene.control.ContentDisplay.LEFT, first.getContentDisplay());
        assertEquals(WizardRail.WIDE, robot.lookup("#wizard-rail").queryAs(VBox.class).getWidth(), 0.5);
        robot.interact(() -> stage.setWidth(820));
        WaitForAsyncUtils.waitForFxEvents();
        for (Label l : items(robot)) {
            assertEquals(javafx.scene.control.ContentDisplay.GRAPHIC_ONLY, l.getContentDisplay(), l.getId());
            assertEquals(l.getText(), l.getTooltip().getText());
        }
        assertEquals("Page 1, current step", robot.lookup("#rail-0").queryAs(Label.class).getAccessibleText());
        robot.clickOn("#nav-next");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(javafx.scene.control.ContentDisplay.GRAPHIC_ONLY, robot.lookup("#rail-1").queryAs(Label.class).getContentDisplay());
        assertTrue(robot.lookup("#wizard-rail").queryAs(VBox.class).getWidth() < 80);
    }
}
