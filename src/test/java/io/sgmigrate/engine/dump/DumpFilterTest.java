package io.sgmigrate.engine.dump;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.engine.Problem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class DumpFilterTest {
    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    @Test
    void copyDataThatLooksLikeSqlPassesByteForByteHoweverTheStreamIsCut() throws IOException {
        byte[] data = concat(utf8("""
                CREATE DATABASE x;\t1
                \\connect x
                \\restrict k
                GRANT ALL ON SCHEMA public TO evil;
                ALTER TABLE t OWNER TO postgres;
                'an unclosed quote\t$$ and /* and "
                -- not a comment
                \\.x
                \\\\.
                """), new byte[] {(byte) 0xff, (byte) 0xc3, 0x28, '\t', (byte) 0xe2, (byte) 0x82, '\n'});
        byte[] dump = concat(utf8("SET client_encoding = 'UTF8';\nCOPY public.notes (body, id) FROM stdin;\n"), data,
                utf8("\\.\nCREATE ROLE evil;\nSELECT 1;\n"));
        byte[] expected = concat(utf8("SET client_encoding = 'UTF8';\nCOPY public.notes (body, id) FROM stdin;\n"), data,
                utf8("\\.\n-- CREATE ROLE evil;\nSELECT 1;\n"));
        for (int chunk = 1; chunk <= dump.length; chunk++) {
            DumpFixtures.Filtered f = DumpFixtures.filter(dump, "sg", null, chunk);
            assertArrayEquals(expected, f.bytes(), "written in pieces of " + chunk);
            assertEquals(Map.of("CREATE ROLE", 1L), f.changes());
        }
    }

    @Test
    void aTwentyMegabyteDataLineStreamsThroughWithoutBeingHeld() throws IOException {
        CountingSink sink = new CountingSink();
        DumpFilter filter = new DumpFilter(sink, "sg");
        CRC32 in = new CRC32();
        byte[] start = utf8("COPY public.blob (data) FROM stdin;\n");
        filter.write(start);
        in.update(start);
        byte[] chunk = new byte[1 << 16];
        Arrays.fill(chunk, (byte) 'x');
        chunk[100] = '\\';
        chunk[101] = '.';
        int size = 20 << 20;
        for (int written = 0; written < size; written += chunk.length) {
            filter.write(chunk);
            in.update(chunk);
            // each piece is downstream before the next one comes: nothing of the line is held
            assertEquals(start.length + written + chunk.length, sink.count);
        }
        byte[] end = utf8("\n\\.\nCREATE ROLE evil;\n");
        filter.write(end);
        in.update(utf8("\n\\.\n-- CREATE ROLE evil;\n"));
        filter.close();
        assertEquals(in.getValue(), sink.crc.getValue());
        assertEquals(Map.of("CREATE ROLE", 1L), filter.changes());
    }

    @Test
    void aStatementOverTheBoundPassesUnchangedAndTheNextIsStillRead() throws IOException {
        String big = "COMMENT ON TABLE t IS '" + "CREATE ROLE evil;\n".repeat(200_000) + "';\n";   // 3.6 MB
        String dump = "SET a = 1;\n" + big + "CREATE ROLE evil;\nCOPY t (a) FROM stdin;\nCREATE ROLE data;\n\\.\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DumpFilter f = new DumpFilter(out, "sg", null, 1 << 20);
        byte[] bytes = utf8(dump);
        for (int i = 0; i < bytes.length; i += 8192) f.write(bytes, i, Math.min(8192, bytes.length - i));
        f.close();
        assertEquals(dump.replace(big + "CREATE ROLE evil;\n", big + "-- CREATE ROLE evil;\n"), out.toString(StandardCharsets.UTF_8));
        assertEquals(Map.of("CREATE ROLE", 1L), f.changes());
    }

    @Test
    void dollarQuotesStringsAndCommentsAreLeftAlone() throws IOException {
        String dump = """
                CREATE FUNCTION public.f() RETURNS text LANGUAGE plpgsql AS $$
                BEGIN
                CREATE DATABASE x;
                RETURN 'x';
                END
                $$;
                CREATE FUNCTION public.g() RETURNS text LANGUAGE plpgsql AS $fn$
                DECLARE v text := $inner$
                \\connect x
                $fn is not the end$ $$;
                $inner$;
                BEGIN
                GRANT ALL ON SCHEMA public TO evil;
                RETURN v;
                END
                $fn$;
                CREATE FUNCTION public.h() RETURNS integer LANGUAGE sql
                BEGIN ATOMIC
                 SELECT CASE WHEN true THEN 1 END;
                 SELECT 2;
                END;
                COMMENT ON TABLE public.t IS 'it''s
                CREATE ROLE evil;
                \\connect x';
                COMMENT ON TABLE public.u IS E'a \\' quote
                DROP DATABASE sg;
                ';
                /* a /* nested */ comment
                CREATE ROLE evil;
                */
                SELECT "odd "";
                CREATE ROLE evil;" FROM t;
                SELECT $1, a$b FROM t; -- CREATE ROLE x;
                """;
        DumpFixtures.Filtered f = DumpFixtures.filter(dump, "sg");
        assertEquals(dump, f.text());
        assertEquals(Map.of(), f.changes());
    }

    @Test
    void aBeginAtomicBodyIsOneStatement() throws IOException {
        String sql = "CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n SELECT 1;\n SELECT CASE WHEN x THEN 1 END;\nEND;\nSELECT 2;\n";
        java.util.List<String> statements = new java.util.ArrayList<>();
        DumpLexer lexer = new DumpLexer(new DumpLexer.Listener() {
            @Override
            public void lines(byte[] bytes, int length, java.util.List<DumpLexer.Item> items) {
                for (DumpLexer.Item i : items) statements.add(new String(bytes, i.start(), i.end() - i.start(), StandardCharsets.UTF_8));
            }

            @Override
            public void passThrough(byte[] b, int off, int len) {}

            @Override
            public void copyData(byte[] b, int off, int len) {}

            @Override
            public void copyEnd(long rows) {}
        }, 1 << 20);
        byte[] b = utf8(sql);
        lexer.write(b, 0, b.length);
        lexer.finish();
        assertEquals(java.util.List.of(sql.substring(0, sql.lastIndexOf("END;\n") + 4), "SELECT 2;"), statements);
    }

    @Test
    void aNeutralisedStatementIsCommentedLineByLineAndWhatSharesItsLineStaysLive() throws IOException {
        String dump = "SET a = 1; CREATE ROLE x; SET b = 2;\n  COMMENT ON DATABASE sg IS 'one\ntwo';\n\\c other\nSELECT 1;\nALTER ROLE sg SET x = 1";
        DumpFixtures.Filtered f = DumpFixtures.filter(dump, "sg");
        assertEquals("SET a = 1; -- CREATE ROLE x;\n SET b = 2;\n  -- COMMENT ON DATABASE sg IS 'one\n-- two';\n-- \\c other\nSELECT 1;\n-- ALTER ROLE sg SET x = 1",
                f.text());
        assertEquals(Map.of("CREATE ROLE", 1L, "COMMENT ON DATABASE", 1L, "\\connect", 1L, "ALTER ROLE", 1L), f.changes());
    }

    @Test
    void changesCountEveryRuleExactly() throws IOException {
        String dump = """
                \\restrict abc
                SET statement_timeout = 0;
                SET transaction_timeout = 0;
                DROP DATABASE IF EXISTS sg;
                CREATE DATABASE sg WITH TEMPLATE = template0;
                ALTER DATABASE sg OWNER TO sg;
                COMMENT ON DATABASE sg IS 'x';
                \\connect sg
                CREATE ROLE reader;
                ALTER ROLE reader WITH NOLOGIN;
                CREATE USER u;
                ALTER USER u SET x = 1;
                DROP ROLE IF EXISTS old;
                CREATE USER MAPPING FOR sg SERVER s;
                CREATE TABLE public.t (a int);
                ALTER TABLE public.t OWNER TO postgres;
                ALTER TABLE public.t OWNER TO "postgres";
                ALTER TABLE public.t OWNER TO sg;
                ALTER TABLE public.t OWNER TO "sg";
                ALTER SCHEMA s OWNER TO reader;
                ALTER TABLE public.t OWNER TO CURRENT_USER;
                GRANT SELECT ON TABLE public.t TO reader;
                GRANT SELECT ON TABLE public.t TO sg, reader;
                GRANT SELECT ON TABLE public.t TO sg;
                GRANT SELECT (a) ON TABLE public.t TO PUBLIC;
                GRANT reader TO sg GRANTED BY postgres;
                GRANT USAGE ON SCHEMA public TO "sg" WITH GRANT OPTION;
                REVOKE ALL ON TABLE public.t FROM postgres;
                REVOKE ALL ON SCHEMA public FROM PUBLIC;
                REVOKE CONNECT ON DATABASE sg FROM PUBLIC;
                \\unrestrict abc
                """;
        DumpFixtures.Filtered f = DumpFixtures.filter(dump, "sg");
        Map<String, Long> expected = Map.ofEntries(Map.entry("\\restrict", 1L), Map.entry("SET transaction_timeout", 1L),
                Map.entry("DROP DATABASE", 1L), Map.entry("CREATE DATABASE", 1L), Map.entry("ALTER DATABASE", 1L),
                Map.entry("COMMENT ON DATABASE", 1L), Map.entry("\\connect", 1L), Map.entry("CREATE ROLE", 1L),
                Map.entry("ALTER ROLE", 1L), Map.entry("CREATE USER", 1L), Map.entry("ALTER USER", 1L), Map.entry("DROP ROLE", 1L),
                Map.entry("OWNER TO postgres", 2L), Map.entry("OWNER TO reader", 1L), Map.entry("GRANT to other roles", 3L),
                Map.entry("REVOKE from other roles", 1L), Map.entry("REVOKE ON DATABASE", 1L), Map.entry("\\unrestrict", 1L));
        assertEquals(expected, f.changes());
        long live = f.text().lines().filter(l -> !l.startsWith("-- ")).count();
        assertEquals(10, live, f.text());   // the SET, the user mapping, CREATE TABLE, 3 owners kept, 4 grants kept
    }

    @Test
    void aFixtureWithOwnersAndAclsChangesOnlyWhatNamesOtherRoles() throws IOException {
        DumpFixtures.Filtered f = DumpFixtures.filter(DumpFixtures.bytes(DumpFixtures.OWNERS), "sg", null, 4096);
        assertEquals(Map.of("\\restrict", 1L, "OWNER TO postgres", 2L, "GRANT to other roles", 2L, "\\unrestrict", 1L), f.changes());
        assertTrue(f.text().contains("\n-- ALTER TABLE public.notes OWNER TO postgres;\n"));
        assertTrue(f.text().contains("\nALTER TABLE public.repo OWNER TO sg;\n"));
        assertTrue(f.text().contains("\nGRANT USAGE ON SEQUENCE public.event_seq TO PUBLIC;\n"));
        // the function body's CREATE DATABASE line and the data lines that look like SQL are untouched
        assertTrue(f.text().contains("\nIF false THEN\nCREATE DATABASE x;\nEND IF;\n"));
        assertTrue(f.text().contains("\nCREATE ROLE evil;\t1\nCREATE DATABASE x;\t2\n\\\\connect x\t3\n"));
    }

    @Test
    void aDumpallSectionEmitsOnlyThatDatabase() throws IOException {
        byte[] dumpall = DumpFixtures.bytes(DumpFixtures.DUMPALL);
        String codeintel = DumpFixtures.filter(dumpall, "sg", "sg-codeintel", 1000).text();
        assertTrue(codeintel.contains("\nCREATE TABLE public.lsif_uploads ("));
        assertTrue(codeintel.contains("\nCOPY public.lsif_uploads (id, repository_id, commit, state) FROM stdin;\n"));
        assertFalse(codeintel.contains("public.users"));
        assertFalse(codeintel.contains("CREATE ROLE"), "the roles are not part of any database's section");
        assertFalse(codeintel.contains("CREATE DATABASE"));
        assertTrue(codeintel.startsWith("-- \\connect -reuse-previous=on \"dbname='sg-codeintel'\"\n"));
        assertFalse(codeintel.lines().anyMatch(l -> l.startsWith("\\") && !l.equals("\\.")), "no live meta-command");

        String frontend = DumpFixtures.filter(dumpall, "sg", "sg", 1000).text();
        assertTrue(frontend.contains("\nCREATE TABLE public.users ("));
        assertFalse(frontend.contains("lsif_"));
        assertTrue(frontend.contains("\n-- COMMENT ON DATABASE sg IS 'Sourcegraph frontend';\n"));
    }

    @Test
    void aMissingSectionOrACutOffCopyIsAProblem() {
        Problem missing = assertThrows(Problem.class,
                () -> DumpFixtures.filter(DumpFixtures.bytes(DumpFixtures.DUMPALL), "sg", "sg_codeintel", 4096));
        assertEquals(Problem.Kind.INPUT, missing.kind());
        assertEquals("The dump holds no database named sg_codeintel; the databases it connects to are: template1, postgres, sg, sg-codeintel.",
                missing.what());
        Problem cut = assertThrows(Problem.class, () -> DumpFixtures.filter("COPY public.repo (id) FROM stdin;\n1\n2", "sg"));
        assertEquals("The dump ends inside the data of table public.repo: it was cut off before its end.", cut.what());
        assertTrue(cut.next().contains("'PostgreSQL database dump complete'"));
    }

    /** Counts and checksums what reaches it; holds nothing. */
    private static final class CountingSink extends OutputStream {
        long count;
        final CRC32 crc = new CRC32();

        @Override
        public void write(int b) {
            count++;
            crc.update(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
            crc.update(b, off, len);
        }
    }
}
