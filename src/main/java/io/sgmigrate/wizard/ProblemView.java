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
        WizardProblem w = WizardProblem.in(failure);
        if (w != null) {
            show(w.what(), w.next(), w.detail());
            return;
        }
        Problem p = Problem.in(failure);
        show(p != null ? p.what() : I18n.t("problem.internal"), p != null ? p.next() : I18n.t("problem.internal.next"),
                p != null ? p.detail() : String.valueOf(failure));
    }

    private void show(String whatText, String nextText, String detail) {
        Label what = new Label(whatText);
        what.getStyleClass().addAll("danger", "text-bold");
        what.setWrapText(true);
        what.setId("problem-what");
        Label next = new Label(nextText);
        next.setWrapText(true);
        next.setId("problem-next");
        getChildren().addAll(what, next);
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
