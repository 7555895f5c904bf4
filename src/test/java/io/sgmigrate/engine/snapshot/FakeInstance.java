package io.sgmigrate.engine.snapshot;

import io.sgmigrate.engine.sql.Sql;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A frontend database answered from memory: the queries {@link SnapshotTaker} sends, by a distinctive part of their text. */
final class FakeInstance implements Sql {
    private final Map<String, List<List<String>>> answers = new LinkedHashMap<>();

    FakeInstance(String siteConfig, String settings, String codeHostConfigMd5) {
        answer("show server_version", List.of(List.of("12.6")));
        answer("pg_database_size", List.of(List.of("1000000")));
        answer("c.relkind in ('r', 'p')", List.of(List.of("public.critical_and_site_config", "8192"), List.of("public.settings", "8192"),
                List.of("public.external_services", "8192"), List.of("public.users", "8192")));
        answer("from (values", List.of(List.of("public.critical_and_site_config", "1", "0a1b2c3d4e5f60718293a4b5c6d7e8f9"),
                List.of("public.external_services", "1", "11112222333344445555666677778888"), List.of("public.settings", "1", "99990000aaaabbbbccccddddeeeeffff"),
                List.of("public.users", "2", "0123456789abcdef0123456789abcdef")));
        answer("c.relkind = 'S'", List.of());
        answer("pg_extension", List.of(List.of("plpgsql", "1.0")));
        answer("from critical_and_site_config", List.of(List.of(siteConfig)));
        answer("from settings", settings == null ? List.of() : List.of(List.of(settings)));
        answer("information_schema.columns", List.of(List.of("1")));
        answer("from external_services", List.of(List.of("1", "GITHUB", "GitHub", codeHostConfigMd5, "false")));
    }

    private void answer(String part, List<List<String>> rows) {
        answers.put(part, rows);
    }

    @Override
    public List<List<String>> rows(String database, String sql) {
        for (Map.Entry<String, List<List<String>>> e : answers.entrySet()) {
            if (sql.contains(e.getKey())) {
                List<List<String>> copy = new ArrayList<>();
                for (List<String> r : e.getValue()) copy.add(new ArrayList<>(r));
                return copy;
            }
        }
        throw new AssertionError("a query the fake does not know: " + sql);
    }

    @Override
    public String describe() {
        return "fake";
    }

    List<SnapshotTaker.Source> sources() {
        return List.of(new SnapshotTaker.Source("frontend", "sg", this));
    }

    static Snapshot.Instance instance() {
        return new Snapshot.Instance("h", "compose", "/d", "5.0.5", null);
    }
}
