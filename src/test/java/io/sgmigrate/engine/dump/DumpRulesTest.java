package io.sgmigrate.engine.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.engine.Problem;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import java.util.List;
import org.junit.jupiter.api.Test;

class DumpRulesTest {
    @Test
    void connectLinesNameTheirDatabaseAsPsqlReadsThem() {
        assertEquals("sg", DumpRules.connectTarget(" sg"));
        assertEquals("sg", DumpRules.connectTarget(" sg other-user localhost 5432"));
        assertEquals("Weird \"x\"", DumpRules.connectTarget(" \"Weird \"\"x\"\"\""));
        assertEquals("sg-codeintel", DumpRules.connectTarget(" -reuse-previous=on \"dbname='sg-codeintel'\""));
        assertEquals("it's", DumpRules.connectTarget(" -reuse-previous=on \"dbname='it\\'s'\""));
        assertEquals("d2", DumpRules.connectTarget(" \"host=h dbname = d2 port=5\""));
        assertEquals("db 1", DumpRules.connectTarget(" postgresql://u@h:5432/db%201?sslmode=off"));
        assertNull(DumpRules.connectTarget(" -"));
        assertNull(DumpRules.connectTarget(""));
        assertNull(DumpRules.connectTarget(" postgresql://h"));
    }

    @Test
    void qualifiedNamesAreUnquotedAndUnquotedOnesFold() {
        assertEquals("public.my \"t\"", DumpRules.qualifiedName(SqlTokens.of("\"public\".\"my \"\"t\"\"\""), 0));
        assertEquals("public.users", DumpRules.qualifiedName(SqlTokens.of("Public.USERS (id)"), 0));
    }

    @Test
    void copyTextEscapesAreDecoded() {
        byte[] row = "a\\tb\\nc\\\\d\t\\N\t\\101\\x42\\x4a\\q\t\u00fc".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(java.util.Arrays.asList("a\tb\nc\\d", null, "ABJq", "\u00fc"), CopyText.fields(row, row.length));
        assertEquals(List.of(""), CopyText.fields(new byte[0], 0));
    }

    private static String filtered(String dump) throws java.io.IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DumpFilter f = new DumpFilter(out, "sg")) {
            f.write(dump.getBytes(StandardCharsets.UTF_8));
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void psqlCommandsAndCopiesThatPgDumpNeverWritesAreRefusedByTheFilterAndTheScanner() throws Exception {
        String head = "SET statement_timeout = 0;\n";
        for (String hostile : new String[] {"\\! id > /tmp/owned\n", "\\o /tmp/out\n", "\\i /etc/passwd\n", "\\copy t from '/etc/passwd'\n"}) {
            Problem p = assertThrows(Problem.class, () -> filtered(head + hostile));
            assertTrue(p.what().contains("psql command \"" + hostile.strip() + "\""), p.what());
            assertThrows(Problem.class, () -> new DumpScanner("sg").scan(new java.io.ByteArrayInputStream((head + hostile).getBytes(StandardCharsets.UTF_8))));
        }
        for (String hostile : new String[] {"COPY public.t FROM PROGRAM 'id';\n", "copy t to '/tmp/t.txt';\n", "COPY t (a) FROM '/etc/passwd' WITH (FORMAT csv);\n"}) {
            Problem p = assertThrows(Problem.class, () -> filtered(head + hostile), hostile);
            assertTrue(p.what().contains("a COPY with a program or a file"), p.what());
        }
        // What pg_dump does write passes as it is.
        String ok = head + "\\encoding UTF8\nCOPY public.t (a) FROM stdin;\n1\n\\.\n\nCOPY (SELECT 1) TO STDOUT;\n";
        assertEquals(ok, filtered(ok));
    }
}
