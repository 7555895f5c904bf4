package io.sgmigrate.engine.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.engine.payload.Compression;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The restoring psql's settings follow the new host: CPUs, memory, the database container's /dev/shm and its PostgreSQL. */
class RestoreTuningTest {
    private static final long MIB = RestoreTuning.MIB;
    private static final long GIB = 1024 * MIB;

    @Test
    void dockersDefaultShmOnTwoCpusGivesOneWorker() {
        RestoreTuning t = RestoreTuning.size(2, 24 * GIB, 64 * MIB, 15);
        assertEquals(1, t.workers());
        assertEquals(1024 * MIB, t.maintenanceMemory(), "capped at 1 GiB");
        assertEquals("-c synchronous_commit=off -c maintenance_work_mem=1024MB -c max_parallel_maintenance_workers=1", t.pgOptions());
        assertTrue(t.describe("pgsql").contains("1 parallel worker per index build (2 CPUs, 64.0 MiB /dev/shm in pgsql)"), t.describe("pgsql"));
    }

    @Test
    void shmBoundsTheWorkersAsMuchAsCpusDo() {
        assertEquals(4, RestoreTuning.size(16, 64 * GIB, 1024 * MIB, 12).workers(), "at most four");
        assertEquals(3, RestoreTuning.size(16, 64 * GIB, 64 * MIB, 12).workers(), "a 64 MiB /dev/shm keeps three");
        assertEquals(0, RestoreTuning.size(1, 64 * GIB, 1024 * MIB, 12).workers(), "one CPU: the leader alone");
        RestoreTuning small = RestoreTuning.size(8, 8 * GIB, 16 * MIB, 12);
        assertEquals(0, small.workers());
        assertTrue(small.pgOptions().endsWith("max_parallel_maintenance_workers=0"), "set to 0, not left to the server's default of 2");
        assertTrue(small.describe("codeintel-db").contains("shm_size") && small.describe("codeintel-db").contains("16.0 MiB /dev/shm in codeintel-db"),
                small.describe("codeintel-db"));
    }

    @Test
    void memoryIsASixteenthOfTheHostWithinBounds() {
        assertEquals(512 * MIB, RestoreTuning.size(4, 8 * GIB, 64 * MIB, 12).maintenanceMemory());
        assertEquals(64 * MIB, RestoreTuning.size(4, 512 * MIB, 64 * MIB, 12).maintenanceMemory(), "never below the server's default");
    }

    @Test
    void aServerBefore11IsNotGivenASettingItDoesNotKnow() {
        RestoreTuning t = RestoreTuning.size(8, 16 * GIB, 1024 * MIB, 10);
        assertFalse(t.pgOptions().contains("max_parallel_maintenance_workers"), t.pgOptions());
        assertTrue(t.describe("pgsql").contains("PostgreSQL before 11"), t.describe("pgsql"));
        assertEquals(10, RestoreTuning.major("10.23"));
        assertEquals(9, RestoreTuning.major("9.6.24"));
        assertEquals(15, RestoreTuning.major("15.4 (Debian 15.4-1.pgdg120+1)"));
        assertEquals(0, RestoreTuning.major("unknown"));
    }

    @Test
    void theRestoreCommandCarriesTheSettingsQuotedAndTheDryRunShowsThem() {
        Facts f = PlanTest.facts(true, false);
        Facts tuned = new Facts(f.container(), f.sourceVersion(), f.targetVersion(), f.databases(), f.dbOnlyFile(), f.compose(), f.stagingDir(),
                f.payloadPath(), f.estimatedBytes(), true, false, false, "zstd", "", f.composeDir(), f.services(),
                RestoreTuning.size(2, 24 * GIB, 64 * MIB, 15).pgOptions());
        String packed = ScratchRestore.restoreCommand(tuned, Compression.ZSTD, "sourcegraph").render();
        assertTrue(packed.contains("docker exec -i -e 'PGOPTIONS=-c synchronous_commit=off -c maintenance_work_mem=1024MB -c max_parallel_maintenance_workers=1' pgsql psql"),
                packed);
        String text = Plan.of(PlanTest.settings(), tuned, List.of()).render("old@a", "new@b");
        assertTrue(text.contains("'PGOPTIONS=-c synchronous_commit=off"), text);
        assertEquals(tuned, Facts.fromMap(tuned.toMap()), "the journal keeps them for a resume");
        assertEquals("", Facts.fromMap(f.toMap()).restoreOptions());
    }
}
