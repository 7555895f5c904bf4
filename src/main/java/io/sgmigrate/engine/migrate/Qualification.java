package io.sgmigrate.engine.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import io.sgmigrate.engine.progress.Units;
import io.sgmigrate.engine.snapshot.Jsonc;
import io.sgmigrate.engine.sourcegraph.SourcegraphVersion;
import io.sgmigrate.engine.sql.Sql;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether an instance can move to a managed instance (seed 001), as pre-flight lines: its Sourcegraph version, its
 * PostgreSQL version, on-disk encryption (configured keys, and rows already encrypted: a config check alone misses a
 * half-converted database) and room for the payload. For a managed instance ({@code strict}) a rule that fails stops the
 * run; otherwise it is a warning. Every line that is not a pass says what to do.
 */
final class Qualification {
    static final SourcegraphVersion MIN_VERSION = new SourcegraphVersion(3, 20, 0);
    private final boolean strict;
    private final List<Check> checks = new ArrayList<>();

    Qualification(boolean strict) {
        this.strict = strict;
    }

    List<Check> checks() {
        return List.copyOf(checks);
    }

    private void notMet(String name, String detail) {
        checks.add(strict ? Check.fail(name, detail) : Check.warn(name, detail + " (a managed instance requires it; with --for managed-instance this stops the run)"));
    }

    Qualification version(Optional<SourcegraphVersion> v) {
        String name = "Qualifies: Sourcegraph version";
        if (v.isEmpty()) notMet(name, "the instance's version is not known; name a tagged release");
        else if (!v.get().atLeast(MIN_VERSION)) notMet(name, v.get() + " is older than " + MIN_VERSION
                + ", the oldest release a multi-version upgrade starts from: upgrade the instance to " + MIN_VERSION + " or later first");
        else checks.add(Check.pass(name, v.get() + " (at least " + MIN_VERSION + ")"));
        return this;
    }

    /** PostgreSQL 12 or later; 11 was the older rule (managed instance v1.1), said as such. */
    Qualification postgres(String serverVersion) {
        String name = "Qualifies: PostgreSQL version";
        int major = major(serverVersion);
        if (major < 0) notMet(name, "the PostgreSQL version is not known (" + serverVersion + ")");
        else if (major >= 12) checks.add(Check.pass(name, serverVersion + " (at least 12)"));
        else if (major == 11) notMet(name, serverVersion + ": 12 or later is required (11 was enough under the older rule, managed instance v1.1); upgrade Sourcegraph to 3.27 or later, whose image brings PostgreSQL 12");
        else notMet(name, serverVersion + ": 12 or later is required; upgrade Sourcegraph to 3.27 or later, whose image brings PostgreSQL 12");
        return this;
    }

    private static int major(String serverVersion) {
        int m = serverVersion == null ? 0 : Preflight.major(serverVersion);
        return m == 0 ? -1 : m;
    }

    /** No {@code encryption.keys} entry other than {@code noop} in the site configuration, and no row with an encryption key ID. */
    Qualification encryption(Optional<String> siteConfig, Map<String, Long> encryptedRows) {
        String name = "Qualifies: no on-disk encryption";
        List<String> keys = siteConfig.map(Qualification::configuredKeys).orElse(List.of());
        List<String> rows = new ArrayList<>();
        encryptedRows.forEach((t, n) -> {
            if (n > 0) rows.add(t + " " + n);
        });
        if (keys.isEmpty() && rows.isEmpty()) {
            checks.add(Check.pass(name, "no encryption key in the site configuration, no encrypted rows"));
            return this;
        }
        List<String> said = new ArrayList<>();
        if (!keys.isEmpty()) said.add("the site configuration sets encryption.keys " + String.join(", ", keys));
        if (!rows.isEmpty()) said.add("rows are encrypted (" + String.join(", ", rows) + ")");
        notMet(name, String.join("; ", said) + ": a dump of them opens only with this instance's keys. Remove the keys"
                + " with ALLOW_DECRYPTION=true on frontend and worker until no row has an encryption_key_id, then run again");
        return this;
    }

    /** The {@code encryption.keys} entries whose type is not {@code noop}: {@code externalServiceKey (mounted)}. */
    static List<String> configuredKeys(String siteConfig) {
        JsonNode keys;
        try {
            keys = Jsonc.parse(siteConfig).path("encryption.keys");
        } catch (Jsonc.Malformed e) {
            return List.of("(the site configuration does not parse: " + e.getMessage() + ")");
        }
        List<String> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = keys.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isObject()) continue;
            String type = e.getValue().path("type").asText("");
            if (!type.equals("noop")) out.add(e.getKey() + " (" + (type.isEmpty() ? "no type" : type) + ")");
        }
        return out;
    }

    /** Per table with an {@code encryption_key_id} column: how many rows carry one (read-only). */
    static Map<String, Long> encryptedRows(Sql sql, String db) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (List<String> r : sql.rows(db, "select table_schema || '.' || table_name, format('%I.%I', table_schema, table_name)"
                + " from information_schema.columns where column_name = 'encryption_key_id' and table_schema not in ('pg_catalog', 'information_schema') order by 1")) {
            String n = sql.value(db, "select count(*)::text from " + r.get(1) + " where coalesce(encryption_key_id, '') <> ''");
            out.put(r.get(0).startsWith("public.") ? r.get(0).substring(7) : r.get(0), Long.parseLong(n));
        }
        return out;
    }

    /** Room where the file goes: the payload is compressed, usually several times smaller than the databases on disk. */
    Qualification space(String folder, long usable, long databasesOnDisk) {
        String name = "Free space where the file goes";
        String said = Units.bytes(usable) + " free in " + folder + ", the databases take " + Units.bytes(databasesOnDisk) + " on disk";
        if (usable >= databasesOnDisk) checks.add(Check.pass(name, said));
        else if (usable >= databasesOnDisk / 8) checks.add(Check.warn(name, said + "; the compressed payload is usually 3 to 8 times smaller, so it may fit. Free space there or choose another --out"));
        else checks.add(Check.fail(name, said + ": the payload will not fit. Free space there or choose another --out"));
        return this;
    }
}
