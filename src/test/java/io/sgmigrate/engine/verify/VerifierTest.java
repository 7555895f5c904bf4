package io.sgmigrate.engine.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.engine.snapshot.Snapshot;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Each kind of difference is caught and named; expected ones are listed as such and never hide a real one. */
class VerifierTest {
    static Snapshot snapshot(UnaryOperator<Map<String, Snapshot.Table>> tables, Map<String, Long> sequences, String siteFp,
                             Map<String, String> siteKeys, String url) {
        Map<String, Snapshot.Table> t = new TreeMap<>(Map.of(
                "users", new Snapshot.Table(40, 8192, "fp-users", true),
                "event_logs", new Snapshot.Table(100_000, 90_000_000, "fp-events", true),
                "repo", new Snapshot.Table(300, 65536, "fp-repo", true),
                "gitserver_repos", new Snapshot.Table(300, 65536, "fp-gs", false)));
        Snapshot.Database db = new Snapshot.Database("sg", "12.6", 1 << 30, tables.apply(t), sequences, Map.of("plpgsql", "1.0"),
                Map.of("schema_migrations", "1528395900"), Map.of("frontend", "3.13.1"));
        Snapshot.SiteConfig sc = new Snapshot.SiteConfig(siteFp, siteKeys, url, List.of(new Snapshot.AuthProvider("builtin", null)), null);
        return new Snapshot(1, "2026-11-23T00:00:00Z", "test", new Snapshot.Instance("h", "compose", "/d", "3.13.1", "test"),
                new LinkedHashMap<>(Map.of("frontend", db)),
                new Snapshot.Semantic(sc, "fp-settings", List.of(new Snapshot.CodeHost(1, "GITHUB", "GitHub", "fp-gh", false))));
    }

    static Snapshot base() {
        return snapshot(t -> t, Map.of("users_id_seq", 40L), "fp-site", Map.of("externalURL", "fp-url", "auth.providers", "fp-auth"), "https://old.example");
    }

    static Map<String, Snapshot.Table> with(Map<String, Snapshot.Table> t, String name, Snapshot.Table x) {
        Map<String, Snapshot.Table> m = new TreeMap<>(t);
        if (x == null) m.remove(name);
        else m.put(name, x);
        return m;
    }

    static VerifyResult compare(Snapshot after) {
        return new Verifier().compare(base(), after);
    }

    @Test
    void identicalSnapshotsPass() {
        VerifyResult r = compare(base());
        assertTrue(r.passed(), r.findings().toString());
        assertEquals(0, r.count(Finding.Status.EXPECTED));
    }

    @Test
    void aDeletedRowIsNamedWithItsTableAndCount() {
        VerifyResult r = compare(snapshot(t -> with(t, "event_logs", new Snapshot.Table(99_999, 90_000_000, "other", true)),
                Map.of("users_id_seq", 40L), "fp-site", base().semantic().siteConfig().keys(), "https://old.example"));
        assertFalse(r.passed());
        assertEquals("FAIL frontend.event_logs: rows differ by -1 (100000 -> 99999)", r.failures().get(0).line());
    }

    @Test
    void aChangedValueWithTheSameRowCountIsCaughtByTheFingerprint() {
        VerifyResult r = compare(snapshot(t -> with(t, "users", new Snapshot.Table(40, 8192, "fp-users-changed", true)),
                Map.of("users_id_seq", 40L), "fp-site", base().semantic().siteConfig().keys(), "https://old.example"));
        assertEquals(1, r.failures().size());
        assertTrue(r.failures().get(0).line().startsWith("FAIL frontend.users: contents differ with the same row count"), r.failures().toString());
    }

    @Test
    void aSiteConfigEditIsNamedByKeyWithoutItsValue() {
        VerifyResult r = compare(snapshot(t -> t, Map.of("users_id_seq", 40L), "fp-site-2",
                Map.of("externalURL", "fp-url", "auth.providers", "fp-auth", "licenseKey", "fp-secret"), "https://old.example"));
        assertEquals(1, r.failures().size());
        Finding f = r.failures().get(0);
        assertEquals("licenseKey", f.item());
        assertEquals("key added", f.what());
        assertTrue(f.after().startsWith("fingerprint "), "never the value: " + f.after());
    }

    @Test
    void aSequenceSetBackFailsAndOneThatMovedOnDoesNot() {
        assertTrue(compare(snapshot(t -> t, Map.of("users_id_seq", 45L), "fp-site", base().semantic().siteConfig().keys(), "https://old.example")).passed());
        VerifyResult r = compare(snapshot(t -> t, Map.of("users_id_seq", 1L), "fp-site", base().semantic().siteConfig().keys(), "https://old.example"));
        assertTrue(r.failures().get(0).what().startsWith("sequence set back by 39"), r.failures().toString());
    }

    @Test
    void aDroppedTableAndAMissingDatabaseAreNamed() {
        VerifyResult dropped = compare(snapshot(t -> with(t, "repo", null), Map.of("users_id_seq", 40L), "fp-site",
                base().semantic().siteConfig().keys(), "https://old.example"));
        assertEquals("FAIL frontend.repo: table missing (300 rows -> -)", dropped.failures().get(0).line());
        Snapshot none = new Snapshot(1, "t", "test", base().instance(), Map.of(), base().semantic());
        VerifyResult missing = compare(none);
        assertTrue(missing.failures().get(0).line().startsWith("FAIL frontend: database missing on the new instance"), missing.failures().toString());
    }

    @Test
    void expectedDifferencesAreListedAndAnUnexpectedOneAmongThemStillFails() {
        Snapshot after = snapshot(t -> with(with(t, "gitserver_repos", new Snapshot.Table(0, 8192, "empty", false)),
                        "event_logs", new Snapshot.Table(100_050, 90_000_000, "grown", true)),
                Map.of("users_id_seq", 40L), "fp-site-new", Map.of("externalURL", "fp-url-new", "auth.providers", "fp-auth"), "https://new.example");
        VerifyResult r = compare(after);
        assertTrue(r.passed(), r.failures().toString());
        assertEquals(3, r.count(Finding.Status.EXPECTED), r.findings().toString());
        assertTrue(r.findings().stream().anyMatch(f -> f.line().equals("EXPECTED site config.externalURL: value changed, expected (https://old.example -> https://new.example)")));

        Snapshot hidden = snapshot(t -> with(with(with(t, "gitserver_repos", new Snapshot.Table(0, 8192, "empty", false)),
                        "event_logs", new Snapshot.Table(100_050, 90_000_000, "grown", true)), "repo", new Snapshot.Table(299, 65536, "x", true)),
                Map.of("users_id_seq", 40L), "fp-site-new", Map.of("externalURL", "fp-url-new", "auth.providers", "fp-auth"), "https://new.example");
        VerifyResult r2 = compare(hidden);
        assertFalse(r2.passed());
        assertEquals(List.of("FAIL frontend.repo: rows differ by -1 (300 -> 299)"), r2.failures().stream().map(Finding::line).toList());
    }

    @Test
    void fewerEventsThanBeforeIsNotExplainedByUse() {
        VerifyResult r = compare(snapshot(t -> with(t, "event_logs", new Snapshot.Table(90_000, 90_000_000, "x", true)),
                Map.of("users_id_seq", 40L), "fp-site", base().semantic().siteConfig().keys(), "https://old.example"));
        assertFalse(r.passed());
    }

    @Test
    void aMissingOrChangedCodeHostFailsAndAnEncryptedOneWarnsAboutItsKeys() {
        Snapshot b = base();
        Snapshot enc = new Snapshot(1, "t", "x", b.instance(), b.databases(), new Snapshot.Semantic(b.semantic().siteConfig(), "fp-settings",
                List.of(new Snapshot.CodeHost(1, "GITHUB", "GitHub", "fp-gh", true))));
        VerifyResult same = new Verifier().compare(enc, enc);
        assertTrue(same.passed());
        assertTrue(same.findings().stream().anyMatch(f -> f.status() == Finding.Status.WARN && f.what().contains("encryption keys must move")));
        Snapshot gone = new Snapshot(1, "t", "x", b.instance(), b.databases(), new Snapshot.Semantic(b.semantic().siteConfig(), "fp-settings", List.of()));
        assertEquals("code host connection missing", compare(gone).failures().get(0).what());
    }

    static Snapshot keyed(Snapshot s, String keyId) {
        return new Snapshot(2, s.capturedAt(), s.tool(), s.instance(), s.databases(), s.semantic(), keyId);
    }

    @Test
    void fingerprintsUnderAnotherKeyAreNamedOnceAndRowsAreStillCompared() {
        Snapshot changed = snapshot(t -> with(with(t, "users", new Snapshot.Table(40, 8192, "fp-users-other-key", true)),
                        "repo", new Snapshot.Table(299, 65536, "fp-repo-other-key", true)),
                Map.of("users_id_seq", 40L), "fp-site-other-key", Map.of("externalURL", "x", "auth.providers", "y"), "https://old.example");
        VerifyResult sameKey = new Verifier().compare(keyed(base(), "k1"), keyed(changed, "k1"));
        assertTrue(sameKey.failures().stream().anyMatch(f -> f.line().startsWith("FAIL frontend.users: contents differ")), sameKey.failures().toString());

        VerifyResult otherKey = new Verifier().compare(keyed(base(), "k1"), keyed(changed, "k2"));
        assertEquals(List.of("fingerprints", "FAIL frontend.repo: rows differ by -1 (300 -> 299)"),
                otherKey.failures().stream().map(f -> f.area().equals("fingerprints") ? f.area() : f.line()).toList());
        assertEquals("key k1", otherKey.failures().get(0).before());
        assertEquals("unkeyed (format 1)", new Verifier().compare(base(), keyed(base(), "k2")).failures().get(0).before());
    }
}
