package io.sgmigrate.engine.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.dump.DumpScan.Role;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DumpScannerTest {
    private static final List<String> FRONTEND_TABLES = List.of("public.users", "public.critical_and_site_config", "public.notes",
            "public.repo", "public.versions");

    private static DumpScan scan(String fixture) throws IOException {
        return new DumpScanner("sg").scan(new ByteArrayInputStream(DumpFixtures.bytes(fixture)));
    }

    private static DumpScan scanText(String dump) throws IOException {
        return new DumpScanner("sg").scan(new ByteArrayInputStream(dump.getBytes(StandardCharsets.UTF_8)));
    }

    private static void assertFrontend(DumpScan.Section s) {
        assertEquals(Role.FRONTEND, s.role());
        assertEquals(FRONTEND_TABLES, s.tables());
        assertEquals(DumpFixtures.FRONTEND_ROWS, s.rowCounts());
        assertEquals(Map.of("frontend", "5.0.5"), s.versions());
        assertEquals(DumpFixtures.SITE_CONFIG, s.siteConfig());
    }

    @Test
    void aPlainPgDumpIsOneUnnamedFrontendSection() throws IOException {
        for (String fixture : List.of(DumpFixtures.PLAIN, DumpFixtures.OWNERS, DumpFixtures.QUOTED)) {
            DumpScan scan = scan(fixture);
            assertEquals(DumpScan.Kind.PG_DUMP, scan.kind(), fixture);
            assertTrue(scan.dumpVersion().startsWith("15."), scan.dumpVersion());
            assertTrue(scan.serverVersion().startsWith("15."), scan.serverVersion());
            assertFalse(scan.createsDatabase(), fixture);
            assertEquals(1, scan.sections().size());
            assertNull(scan.sections().get(0).database());
            assertFrontend(scan.sections().get(0));
        }
        assertEquals(Map.of("\\restrict", 1L, "\\unrestrict", 1L), scan(DumpFixtures.PLAIN).sections().get(0).changes());
    }

    @Test
    void aDumpMadeWithCreateNamesItsDatabase() throws IOException {
        DumpScan scan = scan(DumpFixtures.CREATE_CLEAN);
        assertTrue(scan.createsDatabase());
        DumpScan.Section s = scan.section("sg").orElseThrow();
        assertFrontend(s);
        assertEquals(Map.of("\\restrict", 3L, "DROP DATABASE", 1L, "CREATE DATABASE", 1L, "ALTER DATABASE", 2L, "\\unrestrict", 3L,
                "\\connect", 2L, "COMMENT ON DATABASE", 1L, "OWNER TO postgres", 2L, "GRANT to other roles", 2L), s.changes());
        assertEquals(DumpFixtures.filter(DumpFixtures.bytes(DumpFixtures.CREATE_CLEAN), "sg", null, 4096).changes(), s.changes());
    }

    @Test
    void aDumpallHasOneSectionPerSourcegraphDatabaseWithTheFiltersChanges() throws IOException {
        for (String fixture : List.of(DumpFixtures.DUMPALL, DumpFixtures.DUMPALL_CLEAN)) {
            DumpScan scan = scan(fixture);
            assertEquals(DumpScan.Kind.PG_DUMPALL, scan.kind());
            assertTrue(scan.createsDatabase());
            assertEquals(List.of("sg", "sg-codeintel"), scan.sections().stream().map(DumpScan.Section::database).toList(),
                    "template1 and postgres hold no Sourcegraph tables");
            assertFrontend(scan.sections().get(0));
            DumpScan.Section codeintel = scan.sections().get(1);
            assertEquals(Role.CODEINTEL, codeintel.role());
            assertEquals(DumpFixtures.CODEINTEL_ROWS, codeintel.rowCounts());
            assertEquals(Map.of(), codeintel.versions());
            assertNull(codeintel.siteConfig());
            for (DumpScan.Section s : scan.sections()) {
                byte[] bytes = DumpFixtures.bytes(fixture);
                assertEquals(DumpFixtures.filter(bytes, "sg", s.database(), 4096).changes(), s.changes(), fixture + " " + s.database());
            }
        }
    }

    @Test
    void aSingleCodeintelDumpAndAPg17Dump() throws IOException {
        DumpScan codeintel = scan(DumpFixtures.CODEINTEL);
        assertEquals(Role.CODEINTEL, codeintel.sections().get(0).role());
        assertEquals(DumpFixtures.CODEINTEL_ROWS, codeintel.sections().get(0).rowCounts());

        DumpScan pg17 = scan(DumpFixtures.PG17);
        assertEquals(DumpScan.Kind.PG_DUMP, pg17.kind());
        assertEquals("17.6 (Debian 17.6-1.pgdg120+1)", pg17.dumpVersion());
        DumpScan.Section s = pg17.sections().get(0);
        assertEquals(Role.CODEINSIGHTS, s.role());
        assertEquals(Map.of("public.codeinsights_schema_migrations", 1L, "public.insight_series", 2L, "public.series_points", 3L), s.rowCounts());
        assertEquals(Map.of("\\restrict", 1L, "SET transaction_timeout", 1L, "OWNER TO postgres", 3L, "\\unrestrict", 1L), s.changes());
    }

    @Test
    void versionsAndSiteConfigAreFoundByColumnNameAndTheNewestSiteRowWins() throws IOException {
        String dump = """
                --
                -- PostgreSQL database dump
                --
                CREATE TABLE public.users (id int);
                CREATE TABLE "public"."repo" (id int);
                COPY public.versions (version, updated_at, service) FROM stdin;
                5.1.0\t\\N\tfrontend
                \\N\t\\N\tgitserver
                4.0\t\\N\tcode\\tintel
                \\.
                COPY public.critical_and_site_config (contents, type, id) FROM stdin;
                {"v": 9}\tsite\t9
                {"v": 12}\tcritical\t12
                {"v":\\n11}\tsite\t11
                {"v": 10}\tsite\t10
                \\.
                """;
        DumpScan scan = scanText(dump);
        DumpScan.Section s = scan.sections().get(0);
        assertEquals(Role.FRONTEND, s.role());
        assertEquals(Map.of("frontend", "5.1.0", "code\tintel", "4.0"), s.versions());
        assertEquals("{\"v\":\n11}", s.siteConfig());
        assertEquals(Map.of("public.versions", 3L, "public.critical_and_site_config", 4L), s.rowCounts());
        assertNull(scan.dumpVersion());
    }

    @Test
    void systemDatabasesAreSkippedOnlyWhenTheyHoldNoSourcegraphTables() throws IOException {
        String dump = """
                --
                -- PostgreSQL database cluster dump
                --
                \\connect template1
                CREATE TABLE public.scratch (id int);
                \\connect postgres
                CREATE TABLE public.insight_series (id int);
                CREATE DATABASE other;
                \\connect other
                CREATE TABLE public.t (id int);
                """;
        DumpScan scan = scanText(dump);
        assertEquals(List.of("postgres", "other"), scan.sections().stream().map(DumpScan.Section::database).toList());
        assertEquals(Role.CODEINSIGHTS, scan.sections().get(0).role());
        assertEquals(Role.UNKNOWN, scan.sections().get(1).role());
        assertEquals(Map.of("\\connect", 1L), scan.sections().get(1).changes(), "CREATE DATABASE other is in no section");
    }

    @Test
    void aCutOffDumpIsAProblem() {
        Problem p = assertThrows(Problem.class, () -> scanText("COPY public.users (id) FROM stdin;\n1\n"));
        assertEquals(Problem.Kind.INPUT, p.kind());
        assertTrue(p.what().contains("public.users"));
    }
}
