package io.sgmigrate.engine.verify;

import io.sgmigrate.engine.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares a baseline snapshot (the old instance) with a current one (the new instance). Everything that must
 * match is named when it does not; what a migration changes on purpose, or what a running new instance
 * regenerates, is listed as expected; an unexpected difference among expected ones still fails.
 * Fingerprints are compared only when both snapshots name the same {@code fingerprintKeyId}; otherwise that is
 * one failure and the rest (rows, sequences, schema versions, code host kinds) is still compared.
 */
public final class Verifier {
    /** Regenerated on the new instance: clone status, search index state, caches. Differences here are expected. */
    public static final Set<String> DERIVED_TABLES = Set.of("gitserver_repos", "gitserver_repos_statistics", "gitserver_relocator_jobs",
            "zoekt_repos", "repo_statistics", "cached_available_indexers", "lsif_dirty_repositories", "codeintel_path_ranks",
            "codeintel_ranking_exports", "repo_update_jobs", "critical_and_site_config_cache", "search_context_repos_cache");

    /** Append-only activity a running new instance adds to: more rows than before is expected, fewer is not. */
    public static final Set<String> GROWING_TABLES = Set.of("event_logs", "security_event_logs", "versions_history", "outbound_webhook_logs");

    /** Site config keys a move to a new host may change on purpose; their values are shown (never secrets). */
    public static final Set<String> EXPECTED_CONFIG_KEYS = Set.of("externalURL");

    private final Set<String> expectedKeys;

    public Verifier() {
        this(Set.of());
    }

    /** @param alsoExpected more site config keys the user says will change (shown by fingerprint only). */
    public Verifier(Set<String> alsoExpected) {
        Set<String> k = new TreeSet<>(EXPECTED_CONFIG_KEYS);
        k.addAll(alsoExpected);
        this.expectedKeys = Set.copyOf(k);
    }

    public VerifyResult compare(Snapshot before, Snapshot after) {
        List<Finding> out = new ArrayList<>();
        String bv = before.instance() == null ? null : before.instance().sourcegraphVersion();
        String av = after.instance() == null ? null : after.instance().sourcegraphVersion();
        if (bv != null && av != null) {
            out.add(Objects.equals(bv, av) ? Finding.pass("instance", "version", "Sourcegraph version equal", bv, av)
                    : Finding.fail("instance", "version", "Sourcegraph version differs", bv, av));
        }
        // Fingerprints under different keys (or one set plain, from format 1) never match: say so once, compare the rest.
        boolean fingerprints = Objects.equals(before.fingerprintKeyId(), after.fingerprintKeyId());
        if (!fingerprints) {
            out.add(Finding.fail("fingerprints", null, "made with different keys, so table contents, site config, settings and code host"
                    + " configs were not compared: take the new snapshot with the baseline's key (its .fpkey file)",
                    keyName(before.fingerprintKeyId()), keyName(after.fingerprintKeyId())));
        }
        for (Map.Entry<String, Snapshot.Database> e : before.databases().entrySet()) {
            Snapshot.Database now = after.databases().get(e.getKey());
            if (now == null) {
                out.add(Finding.fail(e.getKey(), null, "database missing on the new instance (" + e.getValue().name() + ", "
                        + e.getValue().tables().size() + " tables)", e.getValue().name(), null));
                continue;
            }
            database(e.getKey(), e.getValue(), now, fingerprints, out);
        }
        for (String role : after.databases().keySet()) {
            if (!before.databases().containsKey(role)) {
                out.add(Finding.expected(role, null, "database only on the new instance (the deployment brings it; there was nothing to migrate)",
                        null, after.databases().get(role).name()));
            }
        }
        semantic(before.semantic(), after.semantic(), fingerprints, out);
        if (before.databases().values().stream().allMatch(d -> d.tables().isEmpty())) {
            out.add(Finding.warn("instance", null, "the baseline holds no tables: there was nothing to compare", null, null));
        }
        return new VerifyResult(List.copyOf(out));
    }

    private static String diff(long a, long b) {
        long d = b - a;
        return (d > 0 ? "+" : "") + d;
    }

    private static String keyName(String id) {
        return id == null ? "unkeyed (format 1)" : "key " + id;
    }

    private void database(String role, Snapshot.Database b, Snapshot.Database a, boolean fingerprints, List<Finding> out) {
        for (Map.Entry<String, Snapshot.Table> e : b.tables().entrySet()) {
            String t = e.getKey();
            Snapshot.Table was = e.getValue();
            Snapshot.Table now = a.tables().get(t);
            String rowsBefore = Long.toString(was.rows());
            if (now == null) {
                out.add(DERIVED_TABLES.contains(t) ? Finding.expected(role, t, "table not there yet (regenerated by the new instance)", rowsBefore, null)
                        : Finding.fail(role, t, "table missing", rowsBefore + " rows", null));
                continue;
            }
            String rowsAfter = Long.toString(now.rows());
            if (was.rows() != now.rows()) {
                if (DERIVED_TABLES.contains(t)) {
                    out.add(Finding.expected(role, t, "rows differ by " + diff(was.rows(), now.rows()) + " (derived data, regenerated)", rowsBefore, rowsAfter));
                } else if (GROWING_TABLES.contains(t) && now.rows() > was.rows()) {
                    out.add(Finding.expected(role, t, "grew by " + diff(was.rows(), now.rows()) + " rows (the new instance is in use)", rowsBefore, rowsAfter));
                } else {
                    out.add(Finding.fail(role, t, "rows differ by " + diff(was.rows(), now.rows()), rowsBefore, rowsAfter));
                }
                continue;
            }
            boolean contents = fingerprints && was.fingerprint() != null && now.fingerprint() != null;
            if (contents && !was.fingerprint().equals(now.fingerprint())) {
                out.add(DERIVED_TABLES.contains(t) ? Finding.expected(role, t, "contents differ (derived data, regenerated)", rowsBefore, rowsAfter)
                        : Finding.fail(role, t, "contents differ with the same row count", "fingerprint " + short12(was.fingerprint()),
                        "fingerprint " + short12(now.fingerprint())));
                continue;
            }
            out.add(Finding.pass(role, t, contents ? "rows and contents equal" : "rows equal",
                    rowsBefore, rowsAfter));
        }
        for (String t : a.tables().keySet()) {
            if (!b.tables().containsKey(t)) out.add(Finding.warn(role, t, "table only on the new instance", null, a.tables().get(t).rows() + " rows"));
        }
        for (Map.Entry<String, Long> s : b.sequences().entrySet()) {
            Long now = a.sequences().get(s.getKey());
            if (now == null) out.add(Finding.fail(role, s.getKey(), "sequence missing", s.getValue().toString(), null));
            else if (now < s.getValue()) out.add(Finding.fail(role, s.getKey(), "sequence set back by " + (s.getValue() - now)
                    + ": new rows would reuse old ids", s.getValue().toString(), now.toString()));
        }
        for (Map.Entry<String, String> x : b.extensions().entrySet()) {
            String now = a.extensions().get(x.getKey());
            if (now == null) out.add(Finding.fail(role, "extension " + x.getKey(), "extension missing", x.getValue(), null));
            else if (!now.equals(x.getValue())) out.add(Finding.warn(role, "extension " + x.getKey(), "extension version differs", x.getValue(), now));
        }
        Map<String, String> schema = new LinkedHashMap<>(b.schemaVersions());
        b.versions().forEach((k, v) -> schema.put("versions:" + k, v));
        Map<String, String> schemaNow = new LinkedHashMap<>(a.schemaVersions());
        a.versions().forEach((k, v) -> schemaNow.put("versions:" + k, v));
        schema.forEach((k, v) -> {
            String now = schemaNow.get(k);
            out.add(v.equals(now) ? Finding.pass(role, k, "schema version equal", v, now) : Finding.fail(role, k, "schema version differs", v, now));
        });
    }

    private static String short12(String fp) {
        return fp.length() > 12 ? fp.substring(0, 12) : fp;
    }

    private void semantic(Snapshot.Semantic b, Snapshot.Semantic a, boolean fingerprints, List<Finding> out) {
        if (b == null) return;
        if (a == null) {
            out.add(Finding.fail("frontend", null, "no site config, settings or code hosts could be read on the new instance", null, null));
            return;
        }
        if (fingerprints) siteConfig(b.siteConfig(), a.siteConfig(), out);
        if (fingerprints && b.globalSettingsFingerprint() != null) {
            out.add(Objects.equals(b.globalSettingsFingerprint(), a.globalSettingsFingerprint())
                    ? Finding.pass("global settings", null, "equal in meaning", short12(b.globalSettingsFingerprint()), short12(nz(a.globalSettingsFingerprint())))
                    : Finding.fail("global settings", null, "differ", short12(b.globalSettingsFingerprint()), a.globalSettingsFingerprint() == null ? null : short12(a.globalSettingsFingerprint())));
        }
        Map<Long, Snapshot.CodeHost> now = new LinkedHashMap<>();
        if (a.codeHosts() != null) a.codeHosts().forEach(h -> now.put(h.id(), h));
        for (Snapshot.CodeHost h : b.codeHosts() == null ? List.<Snapshot.CodeHost>of() : b.codeHosts()) {
            String item = h.kind() + " #" + h.id() + " " + h.displayName();
            Snapshot.CodeHost n = now.get(h.id());
            if (n == null) out.add(Finding.fail("code hosts", item, "code host connection missing", h.kind(), null));
            else if (!n.kind().equals(h.kind()) || !Objects.equals(n.displayName(), h.displayName())
                    || (fingerprints && !Objects.equals(n.configFingerprint(), h.configFingerprint()))) {
                out.add(Finding.fail("code hosts", item, "code host connection differs", short12(h.configFingerprint()), short12(nz(n.configFingerprint()))));
            } else {
                out.add(Finding.pass("code hosts", item, "equal", h.kind(), n.kind()));
            }
            if (h.encrypted()) {
                out.add(Finding.warn("code hosts", item, "config is encrypted (encryption.keys): compared as ciphertext; the encryption keys must move to the new instance too",
                        null, null));
            }
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private void siteConfig(Snapshot.SiteConfig b, Snapshot.SiteConfig a, List<Finding> out) {
        if (b == null) return;
        if (a == null) {
            out.add(Finding.fail("site config", null, "missing on the new instance", short12(b.fingerprint()), null));
            return;
        }
        if (b.fingerprint().equals(a.fingerprint())) {
            out.add(Finding.pass("site config", null, "equal in meaning (" + b.keys().size() + " keys)", short12(b.fingerprint()), short12(a.fingerprint())));
            return;
        }
        Set<String> keys = new TreeSet<>(b.keys().keySet());
        keys.addAll(a.keys().keySet());
        boolean unexpected = false;
        for (String k : keys) {
            String was = b.keys().get(k);
            String is = a.keys().get(k);
            if (Objects.equals(was, is)) continue;
            String what = was == null ? "key added" : is == null ? "key removed" : "value changed";
            if (expectedKeys.contains(k)) {
                boolean showValues = EXPECTED_CONFIG_KEYS.contains(k);
                out.add(Finding.expected("site config", k, what + ", expected", showValues && "externalURL".equals(k) ? b.externalURL() : fpOr(was),
                        showValues && "externalURL".equals(k) ? a.externalURL() : fpOr(is)));
            } else {
                unexpected = true;
                out.add(Finding.fail("site config", k, what, fpOr(was), fpOr(is)));
            }
        }
        if (!unexpected) out.add(Finding.pass("site config", null, "equal apart from the expected changes above", short12(b.fingerprint()), short12(a.fingerprint())));
    }

    private static String fpOr(String fp) {
        return fp == null ? null : "fingerprint " + short12(fp);
    }
}
