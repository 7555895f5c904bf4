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
}
