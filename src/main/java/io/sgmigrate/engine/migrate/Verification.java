package io.sgmigrate.engine.migrate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Per-table row counts of every migrated database, source against target, with every difference named. */
public record Verification(int tables, long rows, List<String> differences) {

    public boolean passed() {
        return differences.isEmpty();
    }

    static Verification compare(Map<String, Map<String, Long>> source, Map<String, Map<String, Long>> target) {
        List<String> diffs = new ArrayList<>();
        int tables = 0;
        long rows = 0;
        for (var db : source.entrySet()) {
            Map<String, Long> t = target.getOrDefault(db.getKey(), Map.of());
            TreeSet<String> names = new TreeSet<>(db.getValue().keySet());
            names.addAll(t.keySet());
            for (String table : names) {
                Long a = db.getValue().get(table);
                Long b = t.get(table);
                if (a == null) diffs.add(db.getKey() + ": " + table + " exists only on the new host");
                else if (b == null) diffs.add(db.getKey() + ": " + table + " is missing on the new host (" + a + " rows on the old)");
                else if (!a.equals(b)) diffs.add(db.getKey() + ": " + table + " has " + b + " rows, the old host " + a + " (" + (b - a) + ")");
                else {
                    tables++;
                    rows += a;
                }
            }
        }
        return new Verification(tables, rows, List.copyOf(diffs));
    }
}
