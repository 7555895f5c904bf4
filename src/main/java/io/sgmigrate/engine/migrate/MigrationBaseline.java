package io.sgmigrate.engine.migrate;

import io.sgmigrate.engine.snapshot.Snapshot;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The old instance's snapshot, taken just before the dump, corrected by the dump's own row counts: a table the
 * old instance wrote to in between counts as the dump has it, and its content fingerprint (now stale) is dropped.
 * What the restore must reproduce is the dump; everything else the snapshot says still holds.
 */
final class MigrationBaseline {
    private MigrationBaseline() {}

    static String role(String sourceDatabase) {
        if (sourceDatabase.endsWith("-codeintel")) return "codeintel";
        if (sourceDatabase.endsWith("-codeinsights")) return "codeinsights";
        return "frontend";
    }

    /** @param dumpCounts per source database name, per {@code schema.table}, the rows the dump holds */
    static Snapshot withDumpCounts(Snapshot s, Map<String, Map<String, Long>> dumpCounts) {
        Map<String, Snapshot.Database> dbs = new LinkedHashMap<>(s.databases());
        dumpCounts.forEach((db, counts) -> {
            Snapshot.Database d = dbs.get(role(db));
            if (d == null) return;
            Map<String, Snapshot.Table> tables = new LinkedHashMap<>(d.tables());
            counts.forEach((qualified, rows) -> {
                String key = qualified.startsWith("public.") ? qualified.substring(7) : qualified;
                Snapshot.Table t = tables.get(key);
                if (t != null && t.rows() != rows) tables.put(key, new Snapshot.Table(rows, t.bytes(), null, t.core()));
            });
            dbs.put(role(db), new Snapshot.Database(d.name(), d.postgresVersion(), d.sizeBytes(), tables, d.sequences(), d.extensions(),
                    d.schemaVersions(), d.versions()));
        });
        return new Snapshot(s.format(), s.capturedAt(), s.tool(), s.instance(), dbs, s.semantic(), s.fingerprintKeyId());
    }
}
