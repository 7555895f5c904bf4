package io.sgmigrate.engine.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class JsoncTest {
    @Test
    void commentsTrailingCommasAndKeyOrderDoNotChangeTheMeaning() throws Exception {
        String a = "{\n  // the URL people use\n  \"externalURL\": \"https://sg.example\",\n  \"auth.providers\": [{\"type\": \"builtin\", \"allowSignup\": true,},],\n}";
        String b = "{\"auth.providers\":[{\"allowSignup\":true,\"type\":\"builtin\"}],\"externalURL\":\"https://sg.example\"}";
        FingerprintKey k = FingerprintKey.generate();
        assertEquals(Jsonc.fingerprint(Jsonc.parse(a), k), Jsonc.fingerprint(Jsonc.parse(b), k));
        assertNotEquals(Jsonc.fingerprint(Jsonc.parse(a), k), Jsonc.fingerprint(Jsonc.parse(b.replace("true", "false")), k));
        assertEquals(Jsonc.keyFingerprints(Jsonc.parse(a), k), Jsonc.keyFingerprints(Jsonc.parse(b), k));
    }

    @Test
    void theSiteConfigKeepsItsUrlAndProvidersButNoOtherValue() {
        Snapshot.SiteConfig sc = SnapshotTaker.siteConfig("{\"externalURL\": \"https://sg.example\", \"licenseKey\": \"SECRET-KEY\","
                + " \"auth.providers\": [{\"type\": \"github\", \"displayName\": \"GitHub\", \"clientSecret\": \"s3cr3t\"}]}", FingerprintKey.generate());
        assertEquals("https://sg.example", sc.externalURL());
        assertEquals("github", sc.authProviders().get(0).type());
        assertNull(sc.parseError());
        String all = sc.toString();
        assertEquals(-1, all.indexOf("SECRET-KEY"));
        assertEquals(-1, all.indexOf("s3cr3t"));
    }

    @Test
    void malformedConfigIsReportedNotThrown() {
        Snapshot.SiteConfig sc = SnapshotTaker.siteConfig("{\"externalURL\": ", FingerprintKey.generate());
        assertNotNull(sc.parseError());
        assertNotNull(sc.fingerprint());
    }

    @Test
    void aParseErrorSaysWhereButNeverQuotesTheText() {
        Jsonc.Malformed e = org.junit.jupiter.api.Assertions.assertThrows(Jsonc.Malformed.class,
                () -> Jsonc.parse("{\n  \"a\": 1,\n  \"smtp\": {\"password\": hunter2}\n}"));
        assertEquals("line 3, column 24", e.getMessage());
        assertNull(e.getCause(), "the parser's exception (which quotes the token) is not kept");
    }
}
