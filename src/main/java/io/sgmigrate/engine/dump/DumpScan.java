package io.sgmigrate.engine.dump;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a plain-SQL dump holds, read by {@link DumpScanner}. Versions are the header comments' text after
 * {@code version} (null when absent); a pg_dump is one section, a pg_dumpall one per database.
 */
public record DumpScan(Kind kind, String dumpVersion, String serverVersion, boolean createsDatabase, List<Section> sections) {
    public enum Kind { PG_DUMP, PG_DUMPALL }

    /** Which Sourcegraph database a section is. */
    public enum Role { FRONTEND, CODEINTEL, CODEINSIGHTS, UNKNOWN }

    public DumpScan {
        sections = List.copyOf(sections);
    }

    public Optional<Section> section(String database) {
        return sections.stream().filter(s -> database.equals(s.database())).findFirst();
    }

    /**
     * One database. {@code database} is null for a pg_dump that never names it (made without -C). Tables are
     * {@code schema.table}, unquoted, in dump order; {@code versions} is the Sourcegraph versions table
     * (service to version); {@code siteConfig} the contents of the newest site configuration row, or null;
     * {@code changes} what {@link DumpFilter} changes there, by rule, restored as the scanner's role;
     * {@code changesAs} the same for each other role it was asked to count for.
     */
    public record Section(String database, List<String> tables, Map<String, Long> rowCounts, Map<String, String> versions,
                          String siteConfig, Map<String, Long> changes, Map<String, Map<String, Long>> changesAs) {
        public Section {
            tables = List.copyOf(tables);
            rowCounts = ordered(rowCounts);
            versions = ordered(versions);
            changes = ordered(changes);
            Map<String, Map<String, Long>> as = new LinkedHashMap<>();
            changesAs.forEach((role, c) -> as.put(role, ordered(c)));
            changesAs = Collections.unmodifiableMap(as);
        }

        /** What the filter changes when the section is restored as {@code role} (one the scanner counted for, else its own). */
        public Map<String, Long> changesAs(String role) {
            return changesAs.getOrDefault(role, changes);
        }

        public Role role() {
            if (tables.contains("public.repo") && tables.contains("public.users")) return Role.FRONTEND;
            if (tables.stream().map(Section::bareName).anyMatch(t -> t.equals("insight_series") || t.equals("series_points")
                    || t.equals("codeinsights_schema_migrations"))) {
                return Role.CODEINSIGHTS;
            }
            if (tables.stream().map(Section::bareName).anyMatch(t -> t.startsWith("lsif_") || t.startsWith("codeintel_"))) return Role.CODEINTEL;
            return Role.UNKNOWN;
        }

        private static String bareName(String table) {
            return table.substring(table.indexOf('.') + 1);
        }

        private static <V> Map<String, V> ordered(Map<String, V> m) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(m));
        }
    }
}
