package io.sgmigrate.engine.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.verify.Finding;
import io.sgmigrate.engine.verify.Verifier;
import io.sgmigrate.engine.verify.VerifyResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Value fingerprints are keyed per comparison: no dictionary attack from a snapshot, and before and after still compare. */
class FingerprintKeyTest {
    static final String SITE = "{\"externalURL\": \"https://sg.example\", \"email.smtp\": {\"password\": \"123456\"},"
            + " \"licenseKey\": \"LK-1\", \"auth.providers\": [{\"type\": \"builtin\"}]}";
    static final String SETTINGS = "{\"search.defaultPatternType\": \"literal\"}";
    static final String CODE_HOST_MD5 = "4f1e2d3c4b5a69788796a5b4c3d2e1f0";

    @TempDir
    Path dir;

    static Snapshot take(FingerprintKey k, String site) {
        return new SnapshotTaker(null, k).take(FakeInstance.instance(), new FakeInstance(site, SETTINGS, CODE_HOST_MD5).sources());
    }

    @Test
    void theSameValueDiffersUnderTwoKeysAndIsEqualUnderOne() {
        FingerprintKey a = FingerprintKey.generate();
        FingerprintKey b = FingerprintKey.generate();
        assertEquals(a.fingerprint("123456"), a.fingerprint("123456"));
        assertNotEquals(a.fingerprint("123456"), b.fingerprint("123456"));
        assertNotEquals(a.fingerprint("123456"), a.fingerprint("1234567"));
        assertNotEquals(a.id(), b.id());
        assertEquals(a.fingerprint("x"), a.ofDigest(FingerprintKey.sha256("x")));

        Snapshot one = take(a, SITE);
        Snapshot again = take(a, SITE);
        Snapshot other = take(b, SITE);
        assertEquals(one.semantic(), again.semantic());
        assertEquals(one.databases(), again.databases());
        Snapshot.SiteConfig x = one.semantic().siteConfig();
        Snapshot.SiteConfig y = other.semantic().siteConfig();
        assertNotEquals(x.fingerprint(), y.fingerprint());
        for (String key : x.keys().keySet()) assertNotEquals(x.keys().get(key), y.keys().get(key), key);
        assertNotEquals(one.semantic().globalSettingsFingerprint(), other.semantic().globalSettingsFingerprint());
        assertNotEquals(one.semantic().codeHosts().get(0).configFingerprint(), other.semantic().codeHosts().get(0).configFingerprint());
        assertNotEquals(one.databases().get("frontend").tables().get("users").fingerprint(), other.databases().get("frontend").tables().get("users").fingerprint());
        assertEquals(a.id(), one.fingerprintKeyId());
        assertEquals(Snapshot.FORMAT, one.format());
    }

    @Test
    void thePasswordFromTheReviewIsNotItsPlainSha256() throws Exception {
        String plain = "8555031c34ec4b4c3640a115d851ea623998980e11af05985df601ee87064a4b";
        assertEquals(plain, FingerprintKey.sha256("{\"password\":\"123456\"}"), "the review's value, as the old code stored it");
        FingerprintKey k = FingerprintKey.generate();
        JsonNode smtp = Jsonc.parse("{\"password\": \"123456\"}");
        assertNotEquals(plain, Jsonc.fingerprint(smtp, k));
        Snapshot s = take(k, SITE);
        assertNotEquals(plain, s.semantic().siteConfig().keys().get("email.smtp"));
        // No plain digest of anything the fake database holds is stored, nor the password itself.
        String json = new String(SnapshotFile.bytes(s), StandardCharsets.UTF_8);
        for (String digest : List.of(plain, CODE_HOST_MD5, "0123456789abcdef0123456789abcdef", FingerprintKey.sha256(Jsonc.canonical(Jsonc.parse(SETTINGS))),
                FingerprintKey.sha256(Jsonc.canonical(Jsonc.parse(SITE))))) {
            assertFalse(json.contains(digest), digest + " in " + json);
        }
        assertFalse(json.contains("123456\""), json);
    }

    @Test
    void theVerifierStillTellsEqualFromDifferentUnderOneKey() {
        FingerprintKey k = FingerprintKey.generate();
        Snapshot before = take(k, SITE);
        VerifyResult same = new Verifier().compare(before, take(k, SITE));
        assertTrue(same.passed(), same.failures().toString());
        assertTrue(same.findings().stream().anyMatch(f -> f.line().startsWith("PASS site config: equal in meaning")), same.findings().toString());
        assertTrue(same.findings().stream().anyMatch(f -> f.line().startsWith("PASS frontend.users: rows and contents equal")), same.findings().toString());

        VerifyResult changed = new Verifier().compare(before, take(k, SITE.replace("123456", "654321")));
        assertEquals(List.of("email.smtp"), changed.failures().stream().map(Finding::item).toList(), changed.failures().toString());
        assertTrue(changed.failures().get(0).after().startsWith("fingerprint "));
    }

    @Test
    void snapshotsUnderDifferentKeysAreNotComparedByFingerprint() {
        Snapshot before = take(FingerprintKey.generate(), SITE);
        VerifyResult r = new Verifier().compare(before, take(FingerprintKey.generate(), SITE));
        assertFalse(r.passed());
        assertEquals(List.of("FAIL fingerprints: made with different keys"), r.failures().stream().map(f -> f.line().substring(0, f.line().indexOf(", so"))).toList(),
                r.failures().toString());
        assertTrue(r.findings().stream().anyMatch(f -> f.line().startsWith("PASS frontend.users: rows equal (")), r.findings().toString());
        assertTrue(r.findings().stream().noneMatch(f -> f.area().equals("site config")), r.findings().toString());
    }

    @Test
    void theKeyIsWrittenOwnerOnlyBesideTheSnapshotAndReadBack() throws Exception {
        FingerprintKey k = FingerprintKey.generate();
        Path f = dir.resolve("before.json");
        Snapshot s = take(k, SITE);
        SnapshotFile.write(f, s, k);
        Path keyFile = dir.resolve("before.json.fpkey");
        assertEquals(keyFile, FingerprintKey.fileBeside(f));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
        assertTrue(Files.readString(keyFile).strip().matches("[0-9a-f]{64}"));
        assertFalse(Files.readString(f).contains(Files.readString(keyFile).strip()), "the key is not in the snapshot");

        SnapshotFile.Baseline b = SnapshotFile.readBaseline(f);
        assertFalse(b.converted());
        assertEquals(k.id(), b.key().id());
        assertEquals(k.fingerprint("v"), b.key().fingerprint("v"));
        assertTrue(new Verifier().compare(b.snapshot(), take(b.key(), SITE)).passed());

        FingerprintKey.generate().saveBeside(f);
        assertTrue(assertThrows(Problem.class, () -> SnapshotFile.readBaseline(f)).what().contains("is not the one the snapshot"));
        Files.delete(keyFile);
        assertTrue(assertThrows(Problem.class, () -> SnapshotFile.readBaseline(f)).what().contains("has no fingerprint key beside it"));
        Files.writeString(keyFile, "not a key\n");
        assertTrue(assertThrows(Problem.class, () -> FingerprintKey.load(f)).what().startsWith("The fingerprint key " + keyFile + " cannot be read"));
        assertThrows(IllegalArgumentException.class, () -> SnapshotFile.write(f, s, FingerprintKey.generate()));
    }

    @Test
    void loadOrCreateMakesOneKeyAndThenKeepsIt() throws Exception {
        Path f = dir.resolve("run.source-snapshot.json");
        FingerprintKey first = FingerprintKey.loadOrCreate(f);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(FingerprintKey.fileBeside(f))));
        assertEquals(first.id(), FingerprintKey.loadOrCreate(f).id());
        assertEquals(first.id(), FingerprintKey.load(f).id());
    }

    /** A format 1 file, as the old code wrote it: plain SHA-256 of canonical JSON, PostgreSQL's md5 as it came. */
    static Snapshot legacy(Snapshot keyed, String site) throws Exception {
        JsonNode n = Jsonc.parse(site);
        Map<String, String> keys = new TreeMap<>();
        n.fields().forEachRemaining(e -> keys.put(e.getKey(), FingerprintKey.sha256(Jsonc.canonical(e.getValue()))));
        Snapshot.SiteConfig sc = keyed.semantic().siteConfig();
        Snapshot.Semantic sem = new Snapshot.Semantic(new Snapshot.SiteConfig(FingerprintKey.sha256(Jsonc.canonical(n)), keys, sc.externalURL(),
                sc.authProviders(), null), FingerprintKey.sha256(Jsonc.canonical(Jsonc.parse(SETTINGS))),
                List.of(new Snapshot.CodeHost(1, "GITHUB", "GitHub", CODE_HOST_MD5, false)));
        Map<String, Snapshot.Database> dbs = new LinkedHashMap<>();
        FakeInstance raw = new FakeInstance(site, SETTINGS, CODE_HOST_MD5);
        Map<String, Snapshot.Table> tables = new TreeMap<>();
        for (List<String> r : raw.rows("sg", "from (values")) {
            Snapshot.Table t = keyed.databases().get("frontend").tables().get(SnapshotTaker.shortName(r.get(0)));
            tables.put(SnapshotTaker.shortName(r.get(0)), new Snapshot.Table(t.rows(), t.bytes(), r.get(2), t.core()));
        }
        Snapshot.Database d = keyed.databases().get("frontend");
        dbs.put("frontend", new Snapshot.Database(d.name(), d.postgresVersion(), d.sizeBytes(), tables, d.sequences(), d.extensions(), d.schemaVersions(), d.versions()));
        return new Snapshot(1, keyed.capturedAt(), "sgmigrate 0.9", keyed.instance(), dbs, sem);
    }

    @Test
    void aFormatOneBaselineIsRekeyedAndStillComparedInFull() throws Exception {
        Path f = dir.resolve("old.json");
        SnapshotFile.write(f, legacy(take(FingerprintKey.generate(), SITE), SITE));
        assertTrue(Files.readString(f).contains("\"format\" : 1"));
        assertFalse(Files.exists(FingerprintKey.fileBeside(f)));

        SnapshotFile.Baseline b = SnapshotFile.readBaseline(f);
        assertTrue(b.converted());
        assertEquals(b.key().id(), b.snapshot().fingerprintKeyId());
        VerifyResult same = new Verifier().compare(b.snapshot(), take(b.key(), SITE));
        assertTrue(same.passed(), same.failures().toString());
        assertTrue(same.findings().stream().anyMatch(x -> x.line().startsWith("PASS site config: equal in meaning")), same.findings().toString());
        assertTrue(same.findings().stream().anyMatch(x -> x.line().startsWith("PASS frontend.users: rows and contents equal")), same.findings().toString());
        assertTrue(same.findings().stream().anyMatch(x -> x.line().startsWith("PASS global settings: equal in meaning")), same.findings().toString());

        VerifyResult changed = new Verifier().compare(b.snapshot(), take(b.key(), SITE.replace("LK-1", "LK-2")));
        assertEquals(List.of("licenseKey"), changed.failures().stream().map(Finding::item).toList(), changed.failures().toString());
        // Compared without rekeying, a plain baseline is named as such rather than failing on every fingerprint.
        VerifyResult raw = new Verifier().compare(SnapshotFile.read(f), take(b.key(), SITE));
        assertEquals("unkeyed (format 1)", raw.failures().get(0).before(), raw.failures().toString());
    }
}
