package io.sgmigrate.engine.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.sgmigrate.engine.AppInfo;
import io.sgmigrate.engine.journal.Journal;
import io.sgmigrate.engine.snapshot.Snapshot;
import io.sgmigrate.engine.verify.ChecklistItem;
import io.sgmigrate.engine.verify.Finding;
import io.sgmigrate.engine.verify.VerifyResult;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything a migration can show for itself, as plain data for the HTML page and the JSON file: hosts,
 * versions, steps with timings, bytes and checksums, pre-flight results, the verification table, the checklist
 * and warnings. Built only from journals and snapshots, which never hold secrets; config contents never appear,
 * only fingerprints.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Report(String title, String createdAt, String tool, String verdict, Map<String, String> facts, List<StepRow> steps,
                     List<CheckRow> preflight, List<Finding> verification, List<ChecklistItem> checklist, List<String> warnings) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StepRow(String id, String state, String startedAt, String seconds, Map<String, String> outputs, String error) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CheckRow(String status, String name, String detail) {}

    /** Step outputs worth showing; the rest (per-table counts, internal keys) are in the journal. */
    private static final Set<String> SHOWN = Set.of("payloadPath", "encryptedBytes", "plainBytes", "sha256", "protection", "containers",
            "tables", "rows", "confirmedBy", "during", "container", "sourceVersion", "targetVersion", "databases", "compose", "stagingDir",
            "estimatedBytes", "targetFresh");

    public static Report of(String title, Journal journal, Snapshot before, Snapshot after, VerifyResult result, List<ChecklistItem> checklist) {
        Map<String, String> facts = new LinkedHashMap<>();
        if (before != null && before.instance() != null) {
            facts.put("Old instance", before.instance().kind() + " " + before.instance().location() + " on " + before.instance().host());
            facts.put("Old version", String.valueOf(before.instance().sourcegraphVersion()));
            facts.put("Baseline captured", before.capturedAt());
        }
        if (after != null && after.instance() != null) {
            facts.put("New instance", after.instance().kind() + " " + after.instance().location() + " on " + after.instance().host());
            facts.put("New version", String.valueOf(after.instance().sourcegraphVersion()));
            facts.put("Compared at", after.capturedAt());
            facts.put("Databases read by", after.instance().reachedBy());
        }
        List<StepRow> steps = new ArrayList<>();
        List<CheckRow> preflight = new ArrayList<>();
        if (journal != null) {
            facts.put("Run", journal.runId() + " (journal " + journal.file().getFileName() + ")");
            journal.inputs().forEach((k, v) -> facts.put("Input " + k, v));
            for (Journal.Step s : journal.steps()) {
                Map<String, String> shown = new LinkedHashMap<>();
                s.outputs.forEach((k, v) -> {
                    if (SHOWN.contains(k) || k.startsWith("member:") || k.startsWith("restored:")) shown.put(k, v);
                    if (k.startsWith("check:")) preflight.add(new CheckRow(v.substring(0, v.indexOf(' ')), k.substring(6), v.substring(v.indexOf(' ') + 1)));
                });
                steps.add(new StepRow(s.id, s.state.name(), s.startedAt, seconds(s), shown, s.error));
            }
        }
        List<String> warnings = new ArrayList<>();
        if (result != null) {
            for (Finding f : result.findings()) if (f.status() == Finding.Status.WARN) warnings.add(f.line());
        }
        if (before != null && before.semantic() != null && before.semantic().siteConfig() != null && before.semantic().siteConfig().parseError() != null) {
            warnings.add("The old site config is not valid JSONC (" + before.semantic().siteConfig().parseLocation() + "); it was compared as text.");
        }
        String verdict = result == null ? "NOT VERIFIED" : result.passed() ? "PASSED" : "FAILED";
        return new Report(title, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), AppInfo.NAME + " " + AppInfo.version(), verdict, facts,
                steps, preflight, result == null ? List.of() : result.findings(), checklist == null ? List.of() : checklist, warnings);
    }

    private static String seconds(Journal.Step s) {
        if (s.outputs.containsKey("seconds")) return s.outputs.get("seconds");
        if (s.startedAt == null || s.finishedAt == null) return null;
        return String.format(java.util.Locale.ROOT, "%.1f", Duration.between(Instant.parse(s.startedAt), Instant.parse(s.finishedAt)).toMillis() / 1000.0);
    }
}
