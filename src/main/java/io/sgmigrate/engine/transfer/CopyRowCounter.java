package io.sgmigrate.engine.transfer;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts the rows of every table in a plain-SQL {@code pg_dump} as it streams past: the lines between
 * {@code COPY schema.table (...) FROM stdin;} and {@code \.} (COPY text format escapes newlines inside
 * values, so one line is one row). These counts come from the dump's own snapshot, so they are exactly
 * what a restore must reproduce, even while the old instance keeps writing.
 */
public final class CopyRowCounter extends FilterInputStream {
    private static final int MAX_HEADER = 1 << 20;
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final byte[] line = new byte[MAX_HEADER];
    private int len;
    private boolean overflow;
    private String table;       // inside a COPY block when not null
    private long rows;

    public CopyRowCounter(InputStream in) {
        super(in);
    }

    /** Tables as {@code schema.table} (unquoted), in dump order. Complete once the stream was read to its end. */
    public Map<String, Long> counts() {
        return Map.copyOf(counts);
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) consume((byte) b);
        return b;
    }

    @Override
    public int read(byte[] b, int off, int n) throws IOException {
        int r = in.read(b, off, n);
        if (r > 0) scan(b, off, off + r);
        return r;
    }

    /**
     * Inside a COPY block (nearly all of a dump's bytes) only line ends matter, and whether a line is exactly
     * {@code \.}: a tight search for newlines, keeping at most the first two bytes of a line. Elsewhere
     * (DDL, rare) every byte is kept to read COPY headers.
     */
    private void scan(byte[] b, int from, int to) {
        int i = from;
        while (i < to) {
            if (table == null) {
                consume(b[i++]);
                continue;
            }
            int nl = newline(b, i, to);
            int seg = nl - i;
            int copied = 0;
            while (copied < seg && len < 2) line[len++] = b[i + copied++];
            len = (int) Math.min((long) len + seg - copied, 1 << 30);   // the length counts; the bytes past two do not
            if (nl == to) return;                                          // the line goes on in the next read
            consume((byte) '\n');
            i = nl + 1;
        }
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long NEWLINES = ONES * '\n';

    /** The first {@code '\n'} in {@code b[from, to)}, or {@code to}: eight bytes a step (a zero byte of {@code word ^ NEWLINES}). */
    static int newline(byte[] b, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long x = (long) LONGS.get(b, i) ^ NEWLINES;
            long found = (x - ONES) & ~x & HIGHS;   // the lowest bit set marks the first zero byte exactly
            if (found != 0) return i + (Long.numberOfTrailingZeros(found) >>> 3);
        }
        while (i < to && b[i] != '\n') i++;
        return i;
    }

    private void consume(byte c) {
        if (c != '\n') {
            if (len < MAX_HEADER) line[len++] = c;
            else overflow = true;
            return;
        }
        if (table != null) {
            if (len == 2 && line[0] == '\\' && line[1] == '.') {
                counts.put(table, rows);
                table = null;
            } else {
                rows++;
            }
        } else if (!overflow && len > 5 && line[0] == 'C' && line[1] == 'O' && line[2] == 'P' && line[3] == 'Y' && line[4] == ' ') {
            String s = new String(line, 0, len, StandardCharsets.UTF_8);
            if (s.endsWith(" FROM stdin;")) {
                table = tableName(s.substring(5));
                rows = 0;
            }
        }
        len = 0;
        overflow = false;
    }

    /** {@code public."my table" (a, b) FROM stdin;} gives {@code public.my table}. */
    static String tableName(String rest) {
        StringBuilder out = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < rest.length(); i++) {
            char ch = rest.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < rest.length() && rest.charAt(i + 1) == '"') {
                        out.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    out.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ' ' || ch == '(') {
                break;
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }
}
