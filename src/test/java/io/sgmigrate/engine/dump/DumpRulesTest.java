package io.sgmigrate.engine.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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
}
