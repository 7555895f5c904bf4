package io.sgmigrate.wizard;

import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The rail of the task's pages on the left, header (step and title), the current page, and the Back / Next / Cancel
 * footer. Enter is Next, Esc is Cancel.
 */
public final class WizardFrame extends BorderPane {
    private final java.util.function.Supplier<List<WizardPage>> flow;
    private List<WizardPage> pages;
    private final IntegerProperty index = new SimpleIntegerProperty(-1);
    private final BorderPane body = new BorderPane();
    private final Label step = new Label();
    private final Label title = new Label();
    final Button back = new Button(I18n.t("nav.back"));
    final Button next = new Button(I18n.t("nav.next"));
    final Button cancel = new Button(I18n.t("nav.cancel"));
    // A click on a done page goes back to it, like Back; never ahead.
    private final WizardRail rail = new WizardRail(i -> {
        if (i < index.get() && !back.isDisabled()) show(i);
    });

    /** Narrower than this, the rail shows only its badges. */
    static final double COMPACT_BELOW = 960;

    public WizardFrame(WizardModel model, List<WizardPage> pages, Runnable onCancel) {
        this(model, () -> pages, onCancel);
    }

    /** Pages from {@code flow}, asked again at every move: the first page's choice decides which pages follow. */
    public WizardFrame(WizardModel model, java.util.function.Supplier<List<WizardPage>> flow, Runnable onCancel) {
        this.flow = flow;
        this.pages = List.copyOf(flow.get());
        setId("wizard-frame");
        step.setId("wizard-step");
        step.getStyleClass().add("text-muted");
        title.setId("wizard-title");
        title.getStyleClass().add("title-2");
        VBox header = new VBox(2, step, title);
        header.setPadding(new Insets(18, 24, 10, 24));
        body.setTop(header);
        setLeft(rail);
        widthProperty().addListener((o, a, w) -> rail.compact(w.doubleValue() < COMPACT_BELOW));
        setCenter(body);

        back.setId("nav-back");
        next.setId("nav-next");
        cancel.setId("nav-cancel");
        next.setDefaultButton(true);
        cancel.setCancelButton(true);
        back.setOnAction(e -> show(index.get() - 1));
        next.setOnAction(e -> show(index.get() + 1));
        cancel.setOnAction(e -> onCancel.run());
        back.disableProperty().bind(index.lessThanOrEqualTo(0));
        // Enter is Next wherever the focus is (radio buttons and text fields would otherwise keep it),
        // except on another push button or in a multi-line text, where Enter means that control.
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() != KeyCode.ENTER || e.isShiftDown() || e.isControlDown() || e.isAltDown()) return;
            Object t = e.getTarget();
            if (t instanceof TextArea || (t instanceof Button && t != next)) return;
            if (!next.isDisabled()) {
                next.fire();
                e.consume();
            }
        });

        ToggleButton dark = new ToggleButton(I18n.t("nav.dark"));
        dark.setId("theme-dark");
        dark.setMnemonicParsing(true);
        dark.selectedProperty().bindBidirectional(model.darkTheme);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox footer = new HBox(8, dark, spacer, back, next, cancel);
        footer.setAlignment(Pos.CENTER_RIGHT);
        footer.setPadding(new Insets(12, 24, 16, 24));
        footer.setStyle("-fx-border-color: -color-border-default; -fx-border-width: 1 0 0 0;");
        setBottom(footer);
        // The start page's choice changes the flow at once: the rail and the step count follow it.
        model.task.addListener((o, a, b) -> refresh());
        show(0);
    }

    public int index() {
        return index.get();
    }

    /** Asks the flow again without moving: the rail, the step count and Next follow a changed list of pages. */
    public void refresh() {
        if (index.get() < 0) return;
        WizardPage current = pages.get(index.get());
        List<WizardPage> now = List.copyOf(flow.get());
        int at = now.indexOf(current);
        if (at < 0) {
            // The task changed under a page of the old one (a journal taken up to resume): the new task's first page after the start.
            show(Math.min(1, now.size() - 1));
            return;
        }
        pages = now;
        index.set(at);
        render();
    }

    private void show(int i) {
        WizardPage leaving = index.get() < 0 ? null : pages.get(index.get());
        pages = List.copyOf(flow.get());
        if (i < 0 || i >= pages.size()) return;
        WizardPage page = pages.get(i);
        if (leaving != null && leaving != page) leaving.hidden();
        index.set(i);
        BorderPane.setMargin(page.content(), new Insets(0, 24, 0, 24));
        body.setCenter(page.content());
        render();
        page.shown();
    }

    private void render() {
        int i = index.get();
        WizardPage page = pages.get(i);
        step.setText(I18n.t("nav.step", i + 1, pages.size()));
        title.setText(page.title());
        rail.show(pages.stream().map(WizardPage::title).toList(), i);
        boolean last = i == pages.size() - 1;
        next.disableProperty().unbind();
        next.disableProperty().bind(last ? Bindings.createBooleanBinding(() -> true) : Bindings.not(page.valid()));
    }
}
