package io.sgmigrate.engine.dump;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The fixtures made by make-fixtures.sh (and the hand-made pg_dump 17 one), and a filter run over bytes. */
final class DumpFixtures {
    static final String PLAIN = "pg_dump-plain.sql";
    static final String OWNERS = "pg_dump-owners.sql";
    static final String CREATE_CLEAN = "pg_dump-create-clean.sql";
    static final String QUOTED = "pg_dump-quoted.sql";
    static final String CODEINTEL = "pg_dump-codeintel.sql";
    static final String DUMPALL = "pg_dumpall.sql";
    static final String DUMPALL_CLEAN = "pg_dumpall-clean.sql";
    static final String PG17 = "pg_dump17-restrict.sql";

    /** Rows source/frontend.sql and source/codeintel.sql insert. */
    static final Map<String, Long> FRONTEND_ROWS = Map.of("public.critical_and_site_config", 3L, "public.notes", 6L,
            "public.repo", 4L, "public.users", 3L, "public.versions", 1L);
    static final Map<String, Long> CODEINTEL_ROWS = Map.of("public.codeintel_schema_migrations", 1L,
            "public.lsif_uploads", 2L, "public.lsif_data_documents", 2L);
    static final String SITE_CONFIG = "{\n  // The URL users visit.\n  \"externalURL\": \"https://sourcegraph.example.com\",\n"
            + "  /* auth */\n  \"auth.providers\": [{\"type\": \"builtin\"}],\n"
            + "  \"branding\": {\"brandName\": \"tab\there\\\\new\\nline\"}\n}";

    private DumpFixtures() {}

    static byte[] bytes(String name) {
        try (InputStream in = DumpFixtures.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("no fixture " + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    record Filtered(byte[] bytes, Map<String, Long> changes) {
        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** The filter's output for {@code dump}, written in pieces of {@code chunk} bytes. */
    static Filtered filter(byte[] dump, String user, String database, int chunk) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DumpFilter f = new DumpFilter(out, user, database);
        for (int i = 0; i < dump.length; i += chunk) f.write(dump, i, Math.min(chunk, dump.length - i));
        f.close();
        return new Filtered(out.toByteArray(), f.changes());
    }

    static Filtered filter(String dump, String user) throws IOException {
        return filter(dump.getBytes(StandardCharsets.UTF_8), user, null, 1 << 16);
    }
}
