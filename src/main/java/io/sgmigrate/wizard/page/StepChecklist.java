package io.sgmigrate.wizard.page;

import io.sgmigrate.engine.migrate.Step;
import io.sgmigrate.wizard.I18n;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;

/**
 * A run's steps as a live checklist: each step's state (waiting, running, done, failed, skipped), its title and a short
 * note (how long it took, why it was skipped). Laid out again when the run's order is known, keeping what happened.
 */
final class StepChecklist extends GridPane {
    private final String idPrefix;
    private final Map<Step, Label> state = new EnumMap<>(Step.class);
    private final Map<Step, Label> note = new EnumMap<>(Step.class);
    /** Each step's last state and note, so a new layout keeps them. */
    private final Map<Step, String[]> seen = new EnumMap<>(Step.class);

    /** {@code idPrefix}: each state label's id is the prefix and the step's id ({@code step-restore}). */
    StepChecklist(String id, String idPrefix) {
        this.idPrefix = idPrefix;
        setId(id);
        setHgap(12);
        setVgap(4);
    }

    /** Forgets every state: a new run. */
    void clear() {
        seen.clear();
    }

    void layout(List<Step> order) {
        getChildren().clear();
        state.clear();
        note.clear();
        for (int i = 0; i < order.size(); i++) {
            Step s = order.get(i);
            Label st = new Label(I18n.t("run.state.WAITING"));
            st.setId(idPrefix + s.id());
            st.setMinWidth(80);
            Label n = new Label();
            addRow(i, st, new Label((i + 1) + ". " + s.title() + (s.changesTarget() ? "  " + I18n.t("run.changesTarget") : "")), n);
            state.put(s, st);
            note.put(s, n);
            String[] was = seen.get(s);
            if (was != null) mark(s, was[0], was[1]);
        }
    }

    /** {@code s} is now {@code st} (WAITING, RUNNING, DONE, FAILED, SKIPPED); {@code detail} null keeps the note. */
    void mark(Step s, String st, String detail) {
        String[] was = seen.get(s);
        seen.put(s, new String[] {st, detail != null ? detail : was == null ? null : was[1]});
        Label l = state.get(s);
        if (l == null) return;
        l.setText(I18n.t("run.state." + st));
        l.getStyleClass().removeAll("success", "danger", "accent", "text-muted");
        l.getStyleClass().add(switch (st) {
            case "DONE" -> "success";
            case "FAILED" -> "danger";
            case "RUNNING" -> "accent";
            default -> "text-muted";
        });
        if (detail != null) note.get(s).setText(detail);
    }
}
