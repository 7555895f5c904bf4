package io.sgmigrate.engine.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import io.sgmigrate.engine.AppInfo;
import io.sgmigrate.engine.job.Jobs;
import io.sgmigrate.engine.sql.Sql;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * Takes a {@link Snapshot} through the database-access layer ({@link Sql}): a few queries per database, each
 * covering every table at once, so that it costs the same over docker exec and over JDBC.
 */
public final class SnapshotTaker {
    /** The site configuration in use: the newest {@code site} row (older rows are its history). */
    public static final String LATEST_SITE_CONFIG = "select contents from critical_and_site_config where type = 'site' order by id desc limit 1";
    /** One database of the instance: its role (frontend, codeintel, codeinsights), its name, how to reach it. */
    public record Source(String role, String database, Sql sql) {}

    /** Tables below this size get a content fingerprint even when they are regenerable. */
    public static final long FINGERPRINT_BELOW_BYTES = 64L << 20;

    /** Data the seeds list as not recreatable: always fingerprinted, whatever their size. */
    public static final Set<String> CORE_TABLES = Set.of("users", "user_emails", "user_external_accounts", "user_credentials",
            "orgs", "org_members", "org_invitations", "settings", "critical_and_site_config", "site_config", "saved_searches",
            "access_tokens", "external_services", "batch_changes", "batch_specs", "changeset_specs", "campaigns", "campaign_specs",
            "survey_responses", "event_logs", "repo", "names", "registry_extensions", "registry_extension_releases",
            "executor_secrets", "namespace_permissions", "insights_settings_migration_jobs");

    private final Consumer<String> log;
    private final long coreLimit;
    private final FingerprintKey key;

    /** A full snapshot: every core table fingerprinted whatever its size; fingerprints under {@code key}. */
    public SnapshotTaker(Consumer<String> log, FingerprintKey key) {
        this(log, Long.MAX_VALUE, key);
    }

    /**
     * @param coreLimit core tables larger than this are counted, not fingerprinted (a migration, whose dump already
     *                  carries checksums and row counts, uses this to keep its own snapshots quick)
     * @param key       the comparison's key: the baseline's, when this snapshot is to be compared with it
     */
    public SnapshotTaker(Consumer<String> log, long coreLimit, FingerprintKey key) {
        this.log = log == null ? s -> {} : log;
        this.coreLimit = coreLimit;
        this.key = java.util.Objects.requireNonNull(key, "key");
    }

    /** @deprecated fingerprints under one key per user ({@code ~/.sgmigrate/fingerprint.key}); pass the comparison's key. */
    @Deprecated
    public SnapshotTaker(Consumer<String> log) {
        this(log, Long.MAX_VALUE, FingerprintKey.userDefault());
    }

    /** @deprecated fingerprints under one key per user ({@code ~/.sgmigrate/fingerprint.key}); pass the comparison's key. */
    @Deprecated
    public SnapshotTaker(Consumer<String> log, long coreLimit) {
        this(log, coreLimit, FingerprintKey.userDefault());
    }

    public FingerprintKey key() {
        return key;
    }

    /** Logs in to {@code host}, opens the instance's databases (a compose folder, else a single container) and takes its snapshot. */
    public Snapshot take(io.sgmigrate.engine.ssh.SshConnector connector, io.sgmigrate.engine.ssh.SshAddress host,
                         io.sgmigrate.engine.ssh.SshOptions options, String container, String composeDir, boolean jdbc) {
        try (io.sgmigrate.engine.ssh.SshConnection c = connector.connect(host, options)) {
            return take(c, container, composeDir, jdbc);
        }
    }

    /** The snapshot of the instance on an open connection: its compose folder's databases, else its single container's. */
    public Snapshot take(io.sgmigrate.engine.ssh.SshConnection c, String container, String composeDir, boolean jdbc) {
        try (InstanceDatabases dbs = composeDir != null ? InstanceDatabases.compose(c, composeDir, jdbc)
                : InstanceDatabases.singleContainer(c, java.util.Optional.ofNullable(container))) {
            return take(dbs.instance(), dbs.sources());
        }
    }

    public Snapshot take(Snapshot.Instance instance, List<Source> sources) {
        Map<String, Snapshot.Database> dbs = new LinkedHashMap<>();
        Snapshot.Semantic semantic = null;
        String version = instance.sourcegraphVersion();
        // Each database is read in its own container: all of them at once, each through its own psql sessions.
        List<CompletableFuture<Snapshot.Database>> reads = new ArrayList<>();
        for (Source s : sources) {
            log.accept("snapshot of " + s.database() + " (" + s.role() + ") through " + s.sql().describe());
            reads.add(CompletableFuture.supplyAsync(() -> database(s), Jobs.thread("sgmigrate-snapshot-" + s.role())));
        }
        RuntimeException failed = null;
        for (var r : reads) {
            try {
                r.join();
            } catch (CompletionException e) {
                if (failed == null) failed = e.getCause() instanceof RuntimeException x ? x : e;
            }
        }
        if (failed != null) throw failed;
        for (int n = 0; n < sources.size(); n++) {
            Source s = sources.get(n);
            Snapshot.Database d = reads.get(n).join();
            dbs.put(s.role(), d);
            if (s.role().equals("frontend")) {
                semantic = semantic(s, d.tables().keySet());
                if (version == null) version = d.versions().get("frontend");
            }
        }
        Snapshot.Instance i = new Snapshot.Instance(instance.host(), instance.kind(), instance.location(), version,
                sources.isEmpty() ? null : sources.get(0).sql().describe());
        return new Snapshot(Snapshot.FORMAT, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), AppInfo.NAME + " " + AppInfo.version(),
                i, dbs, semantic, key.id());
    }

    private static String lit(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /** "public.users" -> "users"; other schemas keep their name. */
    static String shortName(String qualified) {
        return qualified.startsWith("public.") ? qualified.substring(7) : qualified;
    }

    private Snapshot.Database database(Source s) {
        Sql sql = s.sql();
        String db = s.database();
        String pgVersion = sql.value(db, "show server_version");
        long size = Long.parseLong(sql.value(db, "select pg_database_size(current_database())::text"));
        Map<String, Long> bytes = new TreeMap<>();
        for (List<String> r : sql.rows(db, """
                select n.nspname || '.' || c.relname, pg_total_relation_size(c.oid)::text
                from pg_class c join pg_namespace n on n.oid = c.relnamespace
                where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%'
                order by 1""")) {
            bytes.put(r.get(0), Long.parseLong(r.get(1)));
        }
        Map<String, Snapshot.Table> tables = new TreeMap<>();
        if (!bytes.isEmpty()) {
            StringBuilder values = new StringBuilder();
            bytes.forEach((q, b) -> {
                int dot = q.indexOf('.');
                boolean core = q.startsWith("public.") && CORE_TABLES.contains(shortName(q));
                if (values.length() > 0) values.append(", ");
                values.append('(').append(lit(q.substring(0, dot))).append(", ").append(lit(q.substring(dot + 1))).append(", ")
                        .append((core && b <= coreLimit) || b < FINGERPRINT_BELOW_BYTES).append(')');
            });
            // Count and fingerprint every table in one statement. The fingerprint sums two 60-bit slices of each
            // row's MD5: order-independent and one pass, with no sort of a large table.
            String q = "select s || '.' || t,"
                    + " (xpath('/row/c/text()', query_to_xml(format('select count(*) as c from %I.%I', s, t), false, true, '')))[1]::text,"
                    + " case when fp then (xpath('/row/f/text()', query_to_xml(format('select md5(coalesce(sum((''x'' || substr(h, 1, 15))::bit(60)::bigint::numeric), 0)::text"
                    + " || ''-'' || coalesce(sum((''x'' || substr(h, 16, 15))::bit(60)::bigint::numeric), 0)::text) as f"
                    + " from (select md5(r::text) as h from %I.%I r) x', s, t, s, t), false, true, '')))[1]::text end"
                    + " from (values " + values + ") v(s, t, fp) order by 1";
            for (List<String> r : sql.rows(db, q)) {
                boolean core = r.get(0).startsWith("public.") && CORE_TABLES.contains(shortName(r.get(0)));
                tables.put(shortName(r.get(0)), new Snapshot.Table(Long.parseLong(r.get(1)), bytes.get(r.get(0)), key.ofDigest(r.get(2)), core));
            }
        }
        Map<String, Long> sequences = new TreeMap<>();
        for (List<String> r : sql.rows(db, """
                select n.nspname || '.' || c.relname,
                       (xpath('/row/v/text()', query_to_xml(format('select last_value as v from %I.%I', n.nspname, c.relname), false, true, '')))[1]::text
                from pg_class c join pg_namespace n on n.oid = c.relnamespace
                where c.relkind = 'S' and n.nspname not in ('pg_catalog', 'information_schema') order by 1""")) {
            sequences.put(shortName(r.get(0)), Long.parseLong(r.get(1)));
        }
        Map<String, String> extensions = new TreeMap<>();
        for (List<String> r : sql.rows(db, "select extname, extversion from pg_extension order by 1")) extensions.put(r.get(0), r.get(1));
        Map<String, String> schema = new TreeMap<>();
        for (String t : tables.keySet()) {
            if (t.endsWith("schema_migrations")) {
                for (List<String> r : sql.rows(db, "select version::text, dirty::text from " + quoted(t))) {
                    schema.put(t, r.get(0) + ("true".equals(r.get(1)) ? " (dirty)" : ""));
                }
            }
        }
        if (tables.containsKey("migration_logs")) {
            for (List<String> r : sql.rows(db, "select schema, max(version)::text from migration_logs where success group by schema order by 1")) {
                schema.put("migration_logs:" + r.get(0), r.get(1));
            }
        }
        Map<String, String> versions = new TreeMap<>();
        if (tables.containsKey("versions")) {
            for (List<String> r : sql.rows(db, "select service, version from versions order by 1")) versions.put(r.get(0), r.get(1));
        }
        return new Snapshot.Database(db, pgVersion, size, tables, sequences, extensions, schema, versions);
    }

    private static String quoted(String shortName) {
        String[] parts = shortName.contains(".") ? shortName.split("\\.", 2) : new String[] {"public", shortName};
        return "\"" + parts[0].replace("\"", "\"\"") + "\".\"" + parts[1].replace("\"", "\"\"") + "\"";
    }

    private Snapshot.Semantic semantic(Source s, Set<String> tables) {
        Sql sql = s.sql();
        String db = s.database();
        String site = InstanceConfig.siteConfig(sql, db, tables);
        Snapshot.SiteConfig siteConfig = site == null ? null : siteConfig(site, key);
        String text = InstanceConfig.globalSettings(sql, db, tables);
        String settings = text == null ? null : fingerprintOf(text, key);
        List<Snapshot.CodeHost> hosts = new ArrayList<>();
        if (tables.contains("external_services")) {
            boolean keyColumn = sql.value(db, "select count(*)::text from information_schema.columns where table_schema = 'public'"
                    + " and table_name = 'external_services' and column_name = 'encryption_key_id'").equals("1");
            String enc = keyColumn ? "coalesce(encryption_key_id, '') <> ''" : "false";
            for (List<String> r : sql.rows(db, "select id::text, kind, display_name, md5(config), (" + enc + ")::text"
                    + " from external_services where deleted_at is null order by id")) {
                hosts.add(new Snapshot.CodeHost(Long.parseLong(r.get(0)), r.get(1), r.get(2), key.ofDigest(r.get(3)), "true".equals(r.get(4))));
            }
        }
        return new Snapshot.Semantic(siteConfig, settings, hosts);
    }

    /** Meaning of a JSONC document; when it does not parse, the fingerprint of its text. */
    private static String fingerprintOf(String jsonc, FingerprintKey key) {
        try {
            return Jsonc.fingerprint(Jsonc.parse(jsonc), key);
        } catch (Jsonc.Malformed e) {
            return key.fingerprint(jsonc);
        }
    }

    /** The site config's fingerprints under {@code key}; when it does not parse, its text's, and where it breaks. */
    public static Snapshot.SiteConfig siteConfig(String text, FingerprintKey key) {
        JsonNode n;
        try {
            n = Jsonc.parse(text);
        } catch (Jsonc.Malformed e) {
            return new Snapshot.SiteConfig(key.fingerprint(text), Map.of(), null, List.of(), e.getMessage());
        }
        List<Snapshot.AuthProvider> providers = new ArrayList<>();
        for (JsonNode p : n.path("auth.providers")) {
            providers.add(new Snapshot.AuthProvider(p.path("type").asText(null), p.path("displayName").asText(null)));
        }
        String url = n.path("externalURL").isTextual() ? n.path("externalURL").asText() : null;
        return new Snapshot.SiteConfig(Jsonc.fingerprint(n, key), Jsonc.keyFingerprints(n, key), url, providers, null);
    }
}
