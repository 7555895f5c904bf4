package io.sgmigrate.wizard;

import io.sgmigrate.engine.Problem;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.VBox;

/** A failure as the wizard shows it: a sentence, what to do, and the technical detail folded away. Never a stack trace. */
public final class ProblemView extends VBox {
    public ProblemView(Throwable failure) {
        super(4);
        getStyleClass().add("problem");
        Problem p = Problem.in(failure);
        Label what = new Label(p != null ? p.what() : I18n.t("problem.internal"));
        what.getStyleClass().addAll("danger", "text-bold");
        what.setWrapText(true);
        what.setId("problem-what");
        Label next = new Label(p != null ? p.next() : I18n.t("problem.internal.next"));
        next.setWrapText(true);
        next.setId("problem-next");
        getChildren().addAll(what, next);
        String detail = p != null ? p.detail() : String.valueOf(failure);
        if (!detail.isEmpty()) {
            TextArea area = new TextArea(detail);
            area.setEditable(false);
            area.setWrapText(true);
            area.setPrefRowCount(3);
            TitledPane details = new TitledPane(I18n.t("problem.details"), area);
            details.setExpanded(false);
            getChildren().add(details);
        }
    }

}
