package io.sgmigrate.engine.verify;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * One line of the after-migration checklist: an automatic check with its evidence, or a manual item a person
 * confirms ({@code by}, {@code at}, {@code note}). Status: PASS, FAIL, WARN, PENDING (still changing: look again) for
 * automatic ones; TODO, DONE, FAILED, SKIPPED for manual ones. A guided item also says where to look ({@code link}),
 * what good looks like ({@code good}) and when sgmigrate last looked ({@code checkedAt}); the clone item keeps its
 * samples over time, the container item what it saw last ({@code seen}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChecklistItem(String id, String title, boolean manual, String status, String evidence, String by, String at, String note,
                            String link, String good, String checkedAt, List<Sample> samples, Map<String, String> seen) {

    /** How many of {@code total} were done at {@code at} (repositories cloned). */
    public record Sample(String at, long done, long total) {}

    public ChecklistItem(String id, String title, boolean manual, String status, String evidence, String by, String at, String note) {
        this(id, title, manual, status, evidence, by, at, note, null, null, null, null, null);
    }

    /** An automatic item as a check saw it. */
    public static ChecklistItem checked(String id, String title, String status, String evidence, String link, String good, String checkedAt) {
        return new ChecklistItem(id, title, false, status, evidence, "sgmigrate", null, null, link, good, checkedAt, null, null);
    }

    /** A manual item with its guide: where to look and what good looks like. */
    public static ChecklistItem guide(String id, String title, String evidence, String link, String good, String checkedAt) {
        return new ChecklistItem(id, title, true, "TODO", evidence, null, null, null, link, good, checkedAt, null, null);
    }

    public ChecklistItem marked(String newStatus, String who, String when, String text) {
        return new ChecklistItem(id, title, manual, newStatus, evidence, who, when, text == null ? note : text, link, good, checkedAt, samples, seen);
    }

    /** This person's mark kept, the guide and evidence from {@code fresh}. */
    public ChecklistItem guidedBy(ChecklistItem fresh) {
        return new ChecklistItem(id, fresh.title, manual, status, fresh.evidence, by, at, note, fresh.link, fresh.good, fresh.checkedAt, samples, seen);
    }

    public ChecklistItem withSamples(List<Sample> s) {
        return new ChecklistItem(id, title, manual, status, evidence, by, at, note, link, good, checkedAt, s, seen);
    }

    public ChecklistItem withSeen(Map<String, String> s) {
        return new ChecklistItem(id, title, manual, status, evidence, by, at, note, link, good, checkedAt, samples, s);
    }

    public boolean failed() {
        return "FAIL".equals(status) || "FAILED".equals(status);
    }

    public boolean pending() {
        return "PENDING".equals(status);
    }
}
