package io.sgmigrate.engine.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CopyRowCounterTest {
    private static final String DUMP = """
            --
            -- PostgreSQL database dump
            --
            SET statement_timeout = 0;
            CREATE TABLE public.users (id integer, username text);
            COPY public.users (id, username) FROM stdin;
            1\tadmin
            2\tline\\nbreak inside a value
            3\t\\N
            \\.

            COPY public.\"Odd \"\"name\"\"\" (id) FROM stdin;
            \\.

            COPY public.event_logs (id, name) FROM stdin;
            1\tCOPY public.fake (x) FROM stdin;
            2\tViewBlob
            \\.

            SELECT pg_catalog.setval('public.users_id_seq', 40, true);
            """;

    @Test
    void countsEveryCopyBlockAndPassesTheBytesThroughUnchanged() throws Exception {
        byte[] bytes = DUMP.getBytes(StandardCharsets.UTF_8);
        CopyRowCounter c = new CopyRowCounter(new ByteArrayInputStream(bytes));
        byte[] out = new byte[bytes.length];
        int n = 0;
        for (int r; (r = c.read(out, n, Math.min(7, out.length - n))) > 0; ) n += r; // small reads split lines
        assertArrayEquals(bytes, out);
        assertEquals(Map.of("public.users", 3L, "public.Odd \"name\"", 0L, "public.event_logs", 2L), c.counts());
    }

    @Test
    void everyWayOfCuttingTheStreamGivesTheSameCounts() throws Exception {
        // Lines that look like the end marker only in part: "\.x", "\", ".", and the marker itself at a read boundary.
        String dump = "COPY public.t (a) FROM stdin;\n\\.x\n\\\n.\nab\n\\.\nCOPY public.u (a) FROM stdin;\n1\n\\.\n";
        byte[] bytes = dump.getBytes(StandardCharsets.UTF_8);
        for (int size = 1; size <= bytes.length; size++) {
            CopyRowCounter c = new CopyRowCounter(new ByteArrayInputStream(bytes));
            byte[] out = new byte[bytes.length];
            int n = 0;
            for (int r; (r = c.read(out, n, Math.min(size, out.length - n))) > 0; ) n += r;
            assertArrayEquals(bytes, out);
            assertEquals(Map.of("public.t", 4L, "public.u", 1L), c.counts(), "reads of " + size + " bytes");
        }
    }

    @Test
    void findsEveryNewlineWhereverItFallsInAWord() {
        java.util.Random r = new java.util.Random(18);
        for (int round = 0; round < 2000; round++) {
            byte[] b = new byte[1 + r.nextInt(40)];
            for (int i = 0; i < b.length; i++) b[i] = (byte) (r.nextInt(5) == 0 ? '\n' : r.nextInt(256));
            int from = r.nextInt(b.length);
            int to = from + r.nextInt(b.length - from + 1);
            int expected = from;
            while (expected < to && b[expected] != '\n') expected++;
            assertEquals(expected, CopyRowCounter.newline(b, from, to), "round " + round);
        }
    }

    @Test
    void longRowsCountTheSameForEveryReadSize() throws Exception {
        StringBuilder d = new StringBuilder("COPY public.t (a) FROM stdin;\n");
        for (int row = 0; row < 60; row++) d.append("x".repeat(row)).append("\u00e9\\n\t\n");
        d.append("\\.\n");
        byte[] bytes = d.toString().getBytes(StandardCharsets.UTF_8);
        for (int size = 1; size <= 64; size++) {
            CopyRowCounter c = new CopyRowCounter(new ByteArrayInputStream(bytes));
            byte[] out = new byte[bytes.length];
            int n = 0;
            for (int r; (r = c.read(out, n, Math.min(size, out.length - n))) > 0; ) n += r;
            assertArrayEquals(bytes, out);
            assertEquals(Map.of("public.t", 60L), c.counts(), "reads of " + size + " bytes");
        }
    }
}
