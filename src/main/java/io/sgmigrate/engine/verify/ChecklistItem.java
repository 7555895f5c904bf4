package io.sgmigrate.engine.verify;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One line of the after-migration checklist: an automatic check with its evidence, or a manual item a person
 * confirms ({@code by}, {@code at}, {@code note}). Status: PASS, FAIL, WARN for automatic ones; TODO, DONE,
 * FAILED, SKIPPED for manual ones.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChecklistItem(String id, String title, boolean manual, String status, String evidence, String by, String at, String note) {
    public ChecklistItem marked(String newStatus, String who, String when, String text) {
        return new ChecklistItem(id, title, manual, newStatus, evidence, who, when, text == null ? note : text);
    }
}
