package io.sgmigrate.engine.verify;

import io.sgmigrate.engine.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checklist that ends a migration: automatic checks drawn from a verification, then what only a person
 * can confirm on the new instance. Kept in the journal so it can be completed later.
 */
public final class Checklist {
    /** Manual items: id and what to do. */
    public static final Map<String, String> MANUAL = manual();

    public static final Set<String> MANUAL_STATES = Set.of("TODO", "DONE", "FAILED", "SKIPPED");

    private Checklist() {}

    private static Map<String, String> manual() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("sign-in", "Sign in to the new instance as a site admin");
        m.put("repos-listed", "Repositories are listed in Site admin > Repositories");
        m.put("repos-cloning", "Repositories are cloning (Site admin > Repositories shows progress)");
        m.put("search", "A search returns results");
        m.put("code-hosts-syncing", "Code host connections are syncing without errors");
        m.put("migration-notice", "Remove the migration notice (site config notices) and tell users");
        return m;
    }

    /** Automatic items from {@code result}, one per area, then the manual items; {@code previous} keeps manual marks already made. */
    public static List<ChecklistItem> build(VerifyResult result, List<ChecklistItem> previous) {
        Map<String, List<Finding>> byArea = new LinkedHashMap<>();
        for (Finding f : result.findings()) {
            String area = switch (f.area()) {
                case "frontend", "codeintel", "codeinsights" -> "data-" + f.area();
                default -> f.area().replace(' ', '-');
            };
            byArea.computeIfAbsent(area, k -> new ArrayList<>()).add(f);
        }
        List<ChecklistItem> out = new ArrayList<>();
        byArea.forEach((area, fs) -> {
            long fail = fs.stream().filter(f -> f.status() == Finding.Status.FAIL).count();
            long warn = fs.stream().filter(f -> f.status() == Finding.Status.WARN).count();
            long expected = fs.stream().filter(f -> f.status() == Finding.Status.EXPECTED).count();
            long pass = fs.stream().filter(f -> f.status() == Finding.Status.PASS).count();
            String status = fail > 0 ? "FAIL" : warn > 0 ? "WARN" : "PASS";
            String evidence = pass + " equal" + (expected > 0 ? ", " + expected + " expected differences" : "") + (warn > 0 ? ", " + warn + " to look at" : "")
                    + (fail > 0 ? ", " + fail + " FAILED: " + fs.stream().filter(f -> f.status() == Finding.Status.FAIL).findFirst().orElseThrow().line() : "");
            out.add(new ChecklistItem("auto-" + area, title(area), false, status, evidence, "sgmigrate", null, null));
        });
        for (Map.Entry<String, String> m : MANUAL.entrySet()) {
            ChecklistItem before = previous.stream().filter(i -> i.id().equals(m.getKey())).findFirst().orElse(null);
            out.add(before != null ? before : new ChecklistItem(m.getKey(), m.getValue(), true, "TODO", null, null, null, null));
        }
        return out;
    }

    private static String title(String area) {
        return switch (area) {
            case "data-frontend" -> "Frontend database: tables, rows, contents, sequences, schema version";
            case "data-codeintel" -> "Code intelligence database: tables, rows, contents, sequences, schema version";
            case "data-codeinsights" -> "Code insights database: tables, rows, contents, sequences, schema version";
            case "site-config" -> "Site config (by meaning)";
            case "global-settings" -> "Global settings (by meaning)";
            case "code-hosts" -> "Code host connections";
            case "src-summary" -> "src snapshot summary: code hosts and auth providers";
            case "instance" -> "Sourcegraph version";
            case "fingerprints" -> "Snapshots fingerprinted with one key";
            default -> area;
        };
    }

    /** Marks a manual item; automatic items are evidence and cannot be marked. */
    public static List<ChecklistItem> mark(List<ChecklistItem> items, String id, String status, String by, String at, String note) {
        String s = status.toUpperCase(java.util.Locale.ROOT);
        if (!MANUAL_STATES.contains(s)) throw Problem.of(Problem.Kind.INPUT, "checklist.badStatus", status);
        List<ChecklistItem> out = new ArrayList<>();
        boolean found = false;
        for (ChecklistItem i : items) {
            if (i.id().equals(id)) {
                if (!i.manual()) throw Problem.of(Problem.Kind.INPUT, "checklist.automatic", id);
                out.add(i.marked(s, by, at, note));
                found = true;
            } else {
                out.add(i);
            }
        }
        if (!found) throw Problem.of(Problem.Kind.INPUT, "checklist.unknownItem", id, String.join(", ", items.stream().filter(ChecklistItem::manual).map(ChecklistItem::id).toList()));
        return out;
    }
}
