package io.sgmigrate.engine.dump;

import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.dump.DumpLexer.Item;
import io.sgmigrate.engine.dump.DumpRules.Facts;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Makes a plain-SQL {@code pg_dump} or {@code pg_dumpall} safe to load into a scratch database with
 * {@code psql -v ON_ERROR_STOP=1} as {@code targetUser}: what would touch other databases or roles, or what an
 * older server or psql rejects, becomes {@code --} comment lines; everything else, COPY data above all, passes
 * byte for byte. Write the dump in; the result goes to {@code out}, which {@link #close()} closes.
 *
 * <p>With a {@code database}, only that database's section of a pg_dumpall goes out: from {@code \connect} to it
 * up to the next database's. Without one, the whole stream is one database.
 */
public final class DumpFilter extends OutputStream {
    private static final byte[] COMMENT = "-- ".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream out;
    private final String database;
    private final DumpRules rules;
    private final SectionTracker sections = new SectionTracker();
    private final DumpLexer lexer;
    private final Map<String, Long> changes = new LinkedHashMap<>();
    private final Set<String> databasesSeen = new LinkedHashSet<>();
    private final byte[] one = new byte[1];
    private String copyTable;
    private boolean sectionFound;
    private boolean closed;

    public DumpFilter(OutputStream out, String targetUser) {
        this(out, targetUser, null);
    }

    /** {@code database}: the pg_dumpall section to keep, or null for the whole stream. */
    public DumpFilter(OutputStream out, String targetUser, String database) {
        this(out, targetUser, database, DumpLexer.DEFAULT_MAX_HELD);
    }

    DumpFilter(OutputStream out, String targetUser, String database, int maxHeld) {
        this.out = Objects.requireNonNull(out, "out");
        this.rules = new DumpRules(targetUser);
        this.database = database;
        this.lexer = new DumpLexer(new Emitter(), maxHeld);
    }

    /** Rule name to how many times it changed the output, in the order first seen. */
    public Map<String, Long> changes() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(changes));
    }

    @Override
    public void write(int b) throws IOException {
        one[0] = (byte) b;
        write(one, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (closed) throw new IOException("DumpFilter is closed");
        lexer.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    /**
     * Writes out what is held and closes {@code out}; then fails if the dump ended inside COPY data, or never
     * reached the chosen database's section.
     */
    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        boolean truncated;
        try {
            truncated = lexer.inCopy();
            lexer.finish();
            out.flush();
        } finally {
            out.close();
        }
        if (truncated) throw Problem.of(Problem.Kind.INPUT, "dump.truncated", copyTable);
        if (database != null && !sectionFound) {
            throw Problem.of(Problem.Kind.INPUT, "dump.section.missing", database,
                    databasesSeen.isEmpty() ? "none" : String.join(", ", databasesSeen));
        }
    }

    private boolean open() {
        return database == null || database.equals(sections.current());
    }

    private final class Emitter implements DumpLexer.Listener {
        @Override
        public void lines(byte[] bytes, int length, List<Item> items) throws IOException {
            int at = 0;
            for (Item item : items) {
                if (open()) out.write(bytes, at, item.start() - at);
                Facts f = rules.facts(bytes, item);
                sections.see(f);
                if (f.connectTo() != null) databasesSeen.add(f.connectTo());
                if (f.copyTable() != null) copyTable = f.copyTable();
                at = item.end();
                if (!open()) continue;
                if (database != null) sectionFound = true;
                if (f.rule() == null) {
                    out.write(bytes, item.start(), item.end() - item.start());
                } else {
                    changes.merge(f.rule(), 1L, Long::sum);
                    comment(bytes, item.start(), item.end());
                    if (at < length && bytes[at] != '\n') out.write('\n');   // what follows on the line stays live
                }
            }
            if (open()) out.write(bytes, at, length - at);
        }

        /** Every line of the item, from its start, behind {@code -- }. */
        private void comment(byte[] bytes, int from, int to) throws IOException {
            out.write(COMMENT);
            int line = from;
            for (int i = from; i < to; i++) {
                if (bytes[i] != '\n') continue;
                out.write(bytes, line, i + 1 - line);
                out.write(COMMENT);
                line = i + 1;
            }
            out.write(bytes, line, to - line);
        }

        @Override
        public void passThrough(byte[] b, int off, int len) throws IOException {
            if (open()) out.write(b, off, len);
        }

        @Override
        public void copyData(byte[] b, int off, int len) throws IOException {
            if (open()) out.write(b, off, len);
        }

        @Override
        public void copyEnd(long rows) {
            // rows are the scanner's business
        }
    }
}
