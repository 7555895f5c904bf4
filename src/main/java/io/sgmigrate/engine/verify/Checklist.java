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

    /** A payload load's manual items: the migration's, then what seed 002 asks of the person who loads a customer's payload. */
    public static final Map<String, String> LOAD = load();

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

    private static Map<String, String> load() {
        Map<String, String> m = new LinkedHashMap<>(manual());
        m.put("vm-snapshot", "Take a snapshot of the new host's disks now: a known starting point before anything else changes");
        m.put("upgrade-path", "Upgrade one minor version at a time to the version the instance should run, taking a snapshot before each");
        m.put("site-health", "Site admin > Status and Monitoring show no alerts");
        m.put("handover", "Hand over: tell the customer the new URL; put the payload's SHA-256 and this report in the ticket");
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Automatic items from {@code result}, one per area, then the migration's manual items; {@code previous} keeps manual marks already made. */
    public static List<ChecklistItem> build(VerifyResult result, List<ChecklistItem> previous) {
        return build(result, previous, MANUAL);
    }

    /** As {@link #build(VerifyResult, List)} with the manual items {@code manual} (e.g. {@link #LOAD}). */
    public static List<ChecklistItem> build(VerifyResult result, List<ChecklistItem> previous, Map<String, String> manual) {
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
        for (Map.Entry<String, String> m : manual.entrySet()) {
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
            case "rows" -> "Every table's rows as in the payload's dumps";
            case "containers" -> "Containers of the deployment running (a one-shot migrator finished cleanly)";
            case "frontend-log" -> "Frontend log without critical errors since the start";
            case "instance" -> "Sourcegraph version";
            case "fingerprints" -> "Snapshots fingerprinted with one key";
            default -> area;
        };
    }

    /**
     * The checklist with what a look at the live instance found: the data proof's items first, then {@code live} in its
     * order (each replaces the item of its id; one that fell back to a person's judgement keeps the mark already made),
     * then every other manual item, each given the guide {@code live} has for it.
     */
    public static List<ChecklistItem> withLive(List<ChecklistItem> items, List<ChecklistItem> live, Map<String, ChecklistItem> guides) {
        Map<String, ChecklistItem> before = new LinkedHashMap<>();
        for (ChecklistItem i : items) before.put(i.id(), i);
        List<ChecklistItem> out = new ArrayList<>();
        for (ChecklistItem i : items) if (i.id().startsWith("auto-")) out.add(i);
        for (ChecklistItem l : live) {
            ChecklistItem was = before.get(l.id());
            out.add(l.manual() && was != null && was.manual() && was.by() != null ? was.guidedBy(l) : l);
        }
        for (ChecklistItem i : items) {
            if (i.id().startsWith("auto-") || live.stream().anyMatch(l -> l.id().equals(i.id()))) continue;
            ChecklistItem g = guides.get(i.id());
            out.add(g != null && i.manual() ? i.guidedBy(g) : i);
        }
        return out;
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
