package io.sgmigrate.engine.dump;

import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.dump.DumpLexer.Item;
import io.sgmigrate.engine.dump.DumpRules.Facts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a plain-SQL {@code pg_dump} or {@code pg_dumpall} stream to its end and tells what it holds
 * ({@link DumpScan}), in one pass with flat memory: only the Sourcegraph {@code versions} and
 * {@code critical_and_site_config} rows are decoded, every other COPY row is just counted.
 */
public final class DumpScanner {
    private static final Set<String> SYSTEM_DATABASES = Set.of("postgres", "template0", "template1");
    private static final String VERSIONS = "public.versions";
    private static final String SITE_CONFIG = "public.critical_and_site_config";
    private static final int MAX_DECODED_ROW = 16 << 20;

    private final String targetUser;
    private final List<String> otherUsers;

    /**
     * {@code targetUser}: the role the dump would be restored as, for the changes the filter would make;
     * {@code otherUsers}: roles it may be restored as instead, once its contents tell which database it is.
     */
    public DumpScanner(String targetUser, String... otherUsers) {
        new DumpRules(targetUser);
        for (String o : otherUsers) new DumpRules(o);
        this.targetUser = targetUser;
        this.otherUsers = List.of(otherUsers);
    }

    public DumpScan scan(InputStream in) throws IOException {
        Map<String, DumpRules> others = new LinkedHashMap<>();
        for (String o : otherUsers) if (!o.equals(targetUser)) others.put(o, new DumpRules(o));
        Collector c = new Collector(new DumpRules(targetUser), others);
        DumpLexer lexer = new DumpLexer(c, DumpLexer.DEFAULT_MAX_HELD);
        byte[] buf = new byte[1 << 16];
        for (int n; (n = in.read(buf)) >= 0; ) lexer.write(buf, 0, n);
        if (lexer.inCopy()) throw Problem.of(Problem.Kind.INPUT, "dump.truncated", c.copyTable);
        lexer.finish();
        return c.result();
    }

    /** A section being read. */
    private static final class Builder {
        String database;
        final Set<String> tables = new LinkedHashSet<>();
        final Map<String, Long> rows = new LinkedHashMap<>();
        final Map<String, String> versions = new LinkedHashMap<>();
        final Map<String, Long> changes = new LinkedHashMap<>();
        final Map<String, Map<String, Long>> changesAs = new LinkedHashMap<>();
        String siteConfig;
        long siteConfigId = Long.MIN_VALUE;

        Builder(String database, Iterable<String> otherRoles) {
            this.database = database;
            for (String role : otherRoles) changesAs.put(role, new LinkedHashMap<>());
        }

        DumpScan.Section build() {
            return new DumpScan.Section(database, new ArrayList<>(tables), rows, versions, siteConfig, changes, changesAs);
        }
    }

    private static final class Collector implements DumpLexer.Listener {
        private final DumpRules rules;
        private final Map<String, DumpRules> others;
        private final SectionTracker tracker = new SectionTracker();
        private final Builder whole;
        private final Map<String, Builder> byDatabase = new LinkedHashMap<>();
        private DumpScan.Kind kind;
        private String dumpVersion;
        private String serverVersion;
        private boolean createsDatabase;
        private String createdDatabase;

        private String copyTable;
        private Builder copySection;
        private int[] decodeColumns;              // wanted column indexes of the COPY block being decoded, or null
        private byte[] row = new byte[256];
        private int rowLen;
        private boolean rowTooLong;

        Collector(DumpRules rules, Map<String, DumpRules> others) {
            this.rules = rules;
            this.others = others;
            this.whole = new Builder(null, others.keySet());
        }

        /** Counts {@code item}'s change, if any, as each other role would see it. */
        private void countAsOthers(byte[] bytes, Item item, Builder section) {
            for (Map.Entry<String, DumpRules> o : others.entrySet()) {
                String rule = o.getValue().facts(bytes, item).rule();
                if (rule == null) continue;
                whole.changesAs.get(o.getKey()).merge(rule, 1L, Long::sum);
                if (section != null) section.changesAs.get(o.getKey()).merge(rule, 1L, Long::sum);
            }
        }

        @Override
        public void lines(byte[] bytes, int length, List<Item> items) {
            int at = 0;
            for (Item item : items) {
                header(bytes, at, item.start());
                at = item.end();
                Facts f = rules.facts(bytes, item);
                tracker.see(f);
                Builder section = tracker.current() == null ? null : byDatabase.computeIfAbsent(tracker.current(), d -> new Builder(d, others.keySet()));
                if (f.rule() != null) {
                    whole.changes.merge(f.rule(), 1L, Long::sum);
                    if (section != null) section.changes.merge(f.rule(), 1L, Long::sum);
                }
                if (!others.isEmpty()) countAsOthers(bytes, item, section);
                if (DumpRules.CREATE_DATABASE.equals(f.rule())) {
                    createsDatabase = true;
                    if (createdDatabase == null) createdDatabase = f.database();
                }
                if (f.createdTable() != null) {
                    whole.tables.add(f.createdTable());
                    if (section != null) section.tables.add(f.createdTable());
                }
                if (item.copy()) startCopy(f, section);
            }
            header(bytes, at, length);
        }

        private void startCopy(Facts f, Builder section) {
            copyTable = f.copyTable();
            copySection = section;
            rowLen = 0;
            rowTooLong = false;
            List<String> cols = f.copyColumns();
            if (VERSIONS.equals(copyTable)) decodeColumns = indexes(cols, "service", "version");
            else if (SITE_CONFIG.equals(copyTable)) decodeColumns = indexes(cols, "id", "type", "contents");
            else decodeColumns = null;
        }

        private static int[] indexes(List<String> columns, String... names) {
            int[] out = new int[names.length];
            for (int i = 0; i < names.length; i++) {
                out[i] = columns.indexOf(names[i]);
                if (out[i] < 0) return null;
            }
            return out;
        }

        /** The header comments: which tool wrote the dump, from which server. */
        private void header(byte[] bytes, int from, int to) {
            if (kind != null && dumpVersion != null && serverVersion != null) return;
            int line = from;
            for (int i = from; i <= to; i++) {
                if (i < to && bytes[i] != '\n') continue;
                if (i - line > 3 && bytes[line] == '-' && bytes[line + 1] == '-' && bytes[line + 2] == ' ') {
                    headerLine(new String(bytes, line + 3, i - line - 3, StandardCharsets.UTF_8).strip());
                }
                line = i + 1;
            }
        }

        private void headerLine(String s) {
            if (kind == null && s.equals("PostgreSQL database cluster dump")) kind = DumpScan.Kind.PG_DUMPALL;
            else if (kind == null && s.equals("PostgreSQL database dump")) kind = DumpScan.Kind.PG_DUMP;
            else if (dumpVersion == null && (s.startsWith("Dumped by pg_dump version ") || s.startsWith("Dumped by pg_dumpall version "))) {
                dumpVersion = s.substring(s.indexOf(" version ") + 9).strip();
            } else if (serverVersion == null && s.startsWith("Dumped from database version ")) {
                serverVersion = s.substring("Dumped from database version ".length()).strip();
            }
        }

        @Override
        public void passThrough(byte[] b, int off, int len) {
            // too long to be anything the scan reads
        }

        @Override
        public void copyData(byte[] b, int off, int len) {
            if (decodeColumns == null) return;
            for (int i = off; i < off + len; i++) {
                if (b[i] != '\n') {
                    if (rowLen == MAX_DECODED_ROW) rowTooLong = true;
                    if (rowTooLong) continue;
                    if (rowLen == row.length) row = java.util.Arrays.copyOf(row, Math.min(row.length * 2, MAX_DECODED_ROW));
                    row[rowLen++] = b[i];
                    continue;
                }
                if (!rowTooLong && !(rowLen == 2 && row[0] == '\\' && row[1] == '.')) decodedRow(CopyText.fields(row, rowLen));
                rowLen = 0;
                rowTooLong = false;
            }
        }

        private void decodedRow(List<String> fields) {
            for (int c : decodeColumns) if (c >= fields.size()) return;
            if (VERSIONS.equals(copyTable)) {
                String service = fields.get(decodeColumns[0]);
                String version = fields.get(decodeColumns[1]);
                if (service == null || version == null) return;
                whole.versions.put(service, version);
                if (copySection != null) copySection.versions.put(service, version);
                return;
            }
            if (!"site".equals(fields.get(decodeColumns[1])) || fields.get(decodeColumns[2]) == null) return;
            long id;
            try {
                id = Long.parseLong(fields.get(decodeColumns[0]));
            } catch (NumberFormatException e) {
                return;
            }
            for (Builder b : copySection == null ? List.of(whole) : List.of(whole, copySection)) {
                if (id > b.siteConfigId) {
                    b.siteConfigId = id;
                    b.siteConfig = fields.get(decodeColumns[2]);
                }
            }
        }

        @Override
        public void copyEnd(long rows) {
            if (copyTable != null) {
                whole.rows.merge(copyTable, rows, Long::sum);
                if (copySection != null) copySection.rows.merge(copyTable, rows, Long::sum);
            }
            copyTable = null;
            copySection = null;
            decodeColumns = null;
        }

        DumpScan result() {
            DumpScan.Kind k = kind != null ? kind : byDatabase.size() > 1 ? DumpScan.Kind.PG_DUMPALL : DumpScan.Kind.PG_DUMP;
            List<DumpScan.Section> sections = new ArrayList<>();
            if (k == DumpScan.Kind.PG_DUMP) {
                whole.database = byDatabase.isEmpty() ? createdDatabase : byDatabase.keySet().iterator().next();
                sections.add(whole.build());
            } else {
                for (Builder b : byDatabase.values()) {
                    DumpScan.Section s = b.build();
                    if (SYSTEM_DATABASES.contains(s.database()) && s.role() == DumpScan.Role.UNKNOWN) continue;
                    sections.add(s);
                }
            }
            return new DumpScan(k, dumpVersion, serverVersion, createsDatabase, sections);
        }
    }
}
