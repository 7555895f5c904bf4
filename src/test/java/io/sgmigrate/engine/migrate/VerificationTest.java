package io.sgmigrate.engine.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerificationTest {
    @Test
    void equalCountsPassAndEveryDifferenceIsNamed() {
        var src = Map.of("sourcegraph", Map.of("public.users", 25L, "public.event_logs", 5000L, "public.repo", 300L));
        assertTrue(Verification.compare(src, src).passed());
        assertEquals(5325, Verification.compare(src, src).rows());

        var dst = Map.of("sourcegraph", Map.of("public.users", 25L, "public.event_logs", 4999L, "public.extra", 1L));
        Verification v = Verification.compare(src, dst);
        assertFalse(v.passed());
        assertEquals(List.of(
                "sourcegraph: public.event_logs has 4999 rows, the old host 5000 (-1)",
                "sourcegraph: public.extra exists only on the new host",
                "sourcegraph: public.repo is missing on the new host (300 rows on the old)"), v.differences());
    }

    @Test
    void aMissingDatabaseFailsEveryTable() {
        var src = Map.of("sourcegraph-codeintel", Map.of("public.lsif_data_documents", 800L));
        Verification v = Verification.compare(src, Map.of());
        assertEquals(1, v.differences().size());
    }
}
