package io.sgmigrate.wizard;

import java.util.List;
import java.util.function.IntConsumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import javafx.scene.shape.SVGPath;

/**
 * The task's pages down the left side: done (a check), current (accented, bold), to come (muted). It only shows where
 * the person is; it takes no focus, and a click goes back to a done page, never ahead.
 */
final class WizardRail extends VBox {
    /** A page's place relative to the current one. */
    enum State { DONE, CURRENT, TO_COME }

    private final IntConsumer goBack;
    private boolean compact;

    /** {@code goBack} is asked to show a done page that was clicked. */
    WizardRail(IntConsumer goBack) {
        super(2);
        this.goBack = goBack;
        setId("wizard-rail");
        getStyleClass().add("wizard-rail");
        setFocusTraversable(false);
        setAccessibleText(I18n.t("rail.name"));
        setPadding(new Insets(18, 10, 18, 10));
        setPrefWidth(WIDE);
        setMinWidth(USE_PREF_SIZE);
        setStyle("-fx-background-color: -color-bg-subtle; -fx-border-color: -color-border-default; -fx-border-width: 0 1 0 0;");
    }

    static final double WIDE = 200;

    /** Compact: only the badges, each title in a tooltip (a narrow window keeps its room for the page). */
    void compact(boolean on) {
        if (on == compact) return;
        compact = on;
        setPrefWidth(on ? USE_COMPUTED_SIZE : WIDE);
        getChildren().forEach(n -> layOut((Label) n));
    }

    private void layOut(Label l) {
        l.setContentDisplay(compact ? javafx.scene.control.ContentDisplay.GRAPHIC_ONLY : javafx.scene.control.ContentDisplay.LEFT);
        l.setTooltip(compact ? new javafx.scene.control.Tooltip(l.getText()) : null);
    }

    /** Shows {@code titles} with {@code current} as the page shown now. */
    void show(List<String> titles, int current) {
        getChildren().clear();
        for (int i = 0; i < titles.size(); i++) {
            State s = i < current ? State.DONE : i == current ? State.CURRENT : State.TO_COME;
            getChildren().add(item(i, titles.get(i), s));
        }
    }

    private Label item(int i, String title, State s) {
        Label l = new Label(title, marker(i, s));
        l.setId("rail-" + i);
        l.getStyleClass().addAll("rail-item", "rail-" + s.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        l.setUserData(s);
        l.setWrapText(true);
        l.setMaxWidth(Double.MAX_VALUE);
        l.setGraphicTextGap(10);
        l.setAlignment(Pos.CENTER_LEFT);
        l.setPadding(new Insets(6, 8, 6, 8));
        l.setFocusTraversable(false);
        l.setMnemonicParsing(false);
        layOut(l);
        switch (s) {
            case DONE -> {
                l.setAccessibleText(I18n.t("rail.done", title));
                l.setCursor(Cursor.HAND);
                l.setOnMouseClicked(e -> goBack.accept(i));
            }
            case CURRENT -> {
                l.setAccessibleText(I18n.t("rail.current", title));
                l.getStyleClass().addAll("accent", "text-bold");
                l.setStyle("-fx-background-color: -color-accent-subtle; -fx-background-radius: 6;");
            }
            case TO_COME -> {
                l.setAccessibleText(I18n.t("rail.toCome", title));
                l.getStyleClass().add("text-muted");
            }
        }
        return l;
    }

    /** A round badge: a check when done, else the step's number (filled when current, outlined when to come). */
    private static StackPane marker(int i, State s) {
        Circle c = new Circle(11);
        StackPane m = new StackPane(c);
        m.setMinSize(22, 22);
        m.setMaxSize(22, 22);
        switch (s) {
            case DONE -> {
                c.setStyle("-fx-fill: -color-success-emphasis;");
                SVGPath check = new SVGPath();
                check.setContent("M1 6.5 L4.5 10 L11 2.5");
                check.setStyle("-fx-fill: transparent; -fx-stroke: -color-fg-emphasis; -fx-stroke-width: 2;");
                m.getChildren().add(check);
            }
            case CURRENT -> {
                c.setStyle("-fx-fill: -color-accent-emphasis;");
                m.getChildren().add(number(i, "-fx-text-fill: -color-fg-emphasis; -fx-font-weight: bold;"));
            }
            case TO_COME -> {
                c.setStyle("-fx-fill: transparent; -fx-stroke: -color-fg-muted; -fx-stroke-width: 1;");
                c.setRadius(10.5);
                m.getChildren().add(number(i, "-fx-text-fill: -color-fg-muted;"));
            }
        }
        return m;
    }

    private static Label number(int i, String style) {
        Label n = new Label(Integer.toString(i + 1));
        n.setStyle(style + " -fx-font-size: 0.85em;");
        return n;
    }
}
