package io.sgmigrate.engine.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.engine.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChecklistTest {
    @Test
    void automaticItemsCarryEvidenceAndManualOnesAreMarkedAndKeptWhenRebuilt() {
        VerifyResult r = new VerifyResult(List.of(Finding.pass("frontend", "users", "rows equal", "40", "40"),
                Finding.fail("frontend", "repo", "table missing", "300 rows", null), Finding.pass("site config", null, "equal", "a", "a")));
        List<ChecklistItem> items = Checklist.build(r, List.of());
        ChecklistItem data = items.get(0);
        assertEquals("auto-data-frontend", data.id());
        assertEquals("FAIL", data.status());
        assertTrue(data.evidence().contains("FAIL frontend.repo: table missing"), data.evidence());
        assertEquals("PASS", items.get(1).status());
        assertEquals(Checklist.MANUAL.size() + 2, items.size());

        List<ChecklistItem> marked = Checklist.mark(items, "search", "done", "ana", "2026-11-23T03:00:00Z", "found 12 results for 'TODO'");
        ChecklistItem search = marked.stream().filter(i -> i.id().equals("search")).findFirst().orElseThrow();
        assertEquals("DONE", search.status());
        assertEquals("ana", search.by());
        List<ChecklistItem> rebuilt = Checklist.build(new VerifyResult(List.of()), marked);
        assertEquals("DONE", rebuilt.stream().filter(i -> i.id().equals("search")).findFirst().orElseThrow().status(), "a new verification keeps the marks");

        assertEquals(Problem.Kind.INPUT, assertThrows(Problem.class, () -> Checklist.mark(items, "auto-data-frontend", "done", "a", "t", null)).kind());
        assertTrue(assertThrows(Problem.class, () -> Checklist.mark(items, "nope", "done", "a", "t", null)).next().contains("sign-in"));
        assertThrows(Problem.class, () -> Checklist.mark(items, "search", "maybe", "a", "t", null));
    }

    @Test
    void liveItemsComeAfterTheDataProofReplaceTheirManualItemsAndKeepAPersonsMark() {
        List<ChecklistItem> items = Checklist.build(new VerifyResult(List.of(Finding.pass("frontend", "users", "rows equal", "40", "40"))), List.of());
        items = Checklist.mark(items, "repos-cloning", "done", "ana", "2026-12-04T20:00:00Z", "looked in the UI");
        items = Checklist.mark(items, "search", "done", "ana", "2026-12-04T20:00:00Z", "12 results");
        List<ChecklistItem> live = List.of(
                ChecklistItem.checked("frontend-health", "health", "PASS", "/healthz answered", null, "200 ok", "2026-12-04T20:05:00Z"),
                ChecklistItem.guide("repos-cloning", "Repositories are cloned", "no gitserver_repos table", "https://x/site-admin/repositories", "all cloned", "2026-12-04T20:05:00Z"),
                ChecklistItem.checked("code-hosts-syncing", "sync", "FAIL", "GitHub: errored: bad token", "https://x/site-admin/external-services", "ok", "2026-12-04T20:05:00Z"));
        java.util.Map<String, ChecklistItem> guides = java.util.Map.of("search",
                ChecklistItem.guide("search", "A search returns results", "search for repo:^a$", "https://x/search?q=a", "the result is a", "2026-12-04T20:05:00Z"));
        List<ChecklistItem> merged = Checklist.withLive(items, live, guides);

        assertEquals(List.of("auto-data-frontend", "frontend-health", "repos-cloning", "code-hosts-syncing", "sign-in", "repos-listed", "search", "migration-notice"),
                merged.stream().map(ChecklistItem::id).toList());
        ChecklistItem cloning = merged.get(2);
        assertTrue(cloning.manual(), "no table: a person judges");
        assertEquals("DONE", cloning.status(), "the person's mark stays");
        assertEquals("https://x/site-admin/repositories", cloning.link());
        ChecklistItem sync = merged.get(3);
        assertEquals("FAIL", sync.status(), "a failure seen is a FAIL, not a tick box");
        assertTrue(!sync.manual() && sync.failed());
        assertEquals(Problem.Kind.INPUT, assertThrows(Problem.class, () -> Checklist.mark(merged, "code-hosts-syncing", "done", "a", "t", null)).kind());
        ChecklistItem search = merged.get(6);
        assertEquals("DONE", search.status());
        assertEquals("12 results", search.note());
        assertEquals("https://x/search?q=a", search.link(), "the guide is added to the marked item");
        assertEquals("the result is a", search.good());

        // A second look replaces the live items and keeps the order.
        List<ChecklistItem> again = Checklist.withLive(merged, List.of(ChecklistItem.checked("frontend-health", "health", "FAIL", "refused", null, "200 ok", "t2"),
                live.get(1), live.get(2)), guides);
        assertEquals(merged.stream().map(ChecklistItem::id).toList(), again.stream().map(ChecklistItem::id).toList());
        assertEquals("FAIL", again.get(1).status());
    }
}
