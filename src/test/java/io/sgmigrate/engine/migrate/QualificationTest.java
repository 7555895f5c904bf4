package io.sgmigrate.engine.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.engine.sourcegraph.SourcegraphVersion;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Seed 001's rules: a warning for anyone, a stop for a managed instance; each line says what to do. */
class QualificationTest {
    private static Check only(Qualification q) {
        assertEquals(1, q.checks().size(), q.checks().toString());
        return q.checks().get(0);
    }

    @Test
    void versionsFrom320OnQualifyOlderOnesWarnOrStop() {
        assertEquals(Check.Status.PASS, only(new Qualification(true).version(SourcegraphVersion.parse("3.20.0"))).status());
        Check warn = only(new Qualification(false).version(SourcegraphVersion.parse("3.13.1")));
        assertEquals(Check.Status.WARN, warn.status());
        assertTrue(warn.detail().contains("upgrade the instance to 3.20.0 or later first"), warn.detail());
        assertEquals(Check.Status.FAIL, only(new Qualification(true).version(SourcegraphVersion.parse("3.19.2"))).status());
        assertEquals(Check.Status.FAIL, only(new Qualification(true).version(Optional.empty())).status());
    }

    @Test
    void postgres12QualifiesAnd11IsNamedAsTheOlderRule() {
        assertEquals(Check.Status.PASS, only(new Qualification(true).postgres("12.6")).status());
        assertEquals(Check.Status.PASS, only(new Qualification(true).postgres("15.18 (Debian 15.18-0+deb12u1)")).status());
        Check eleven = only(new Qualification(true).postgres("11.4"));
        assertEquals(Check.Status.FAIL, eleven.status());
        assertTrue(eleven.detail().contains("11 was enough under the older rule"), eleven.detail());
        assertEquals(Check.Status.FAIL, only(new Qualification(true).postgres("9.6.17")).status());
        assertEquals(Check.Status.FAIL, only(new Qualification(true).postgres("")).status());
    }

    @Test
    void encryptionIsFoundByConfiguredKeysAndByEncryptedRowsEachAlone() {
        String noop = "{\n  // keys off\n  \"encryption.keys\": {\"externalServiceKey\": {\"type\": \"noop\"}},\n}";
        String mounted = "{\"encryption.keys\": {\"externalServiceKey\": {\"type\": \"mounted\", \"keyname\": \"k\", \"filepath\": \"/k\"},"
                + " \"userExternalAccountKey\": {\"type\": \"noop\"}, \"enableCache\": true}}";
        assertEquals(List.of(), Qualification.configuredKeys(noop));
        assertEquals(List.of("externalServiceKey (mounted)"), Qualification.configuredKeys(mounted));
        assertEquals(Check.Status.PASS, only(new Qualification(true).encryption(Optional.of(noop), Map.of("external_services", 0L))).status());
        Check byConfig = only(new Qualification(true).encryption(Optional.of(mounted), Map.of()));
        assertEquals(Check.Status.FAIL, byConfig.status());
        assertTrue(byConfig.detail().contains("encryption.keys externalServiceKey (mounted)"), byConfig.detail());
        // Keys taken out of the config, rows still encrypted: a config check alone would miss it.
        Check byRows = only(new Qualification(true).encryption(Optional.of(noop), Map.of("external_services", 2L, "user_external_accounts", 0L)));
        assertEquals(Check.Status.FAIL, byRows.status());
        assertTrue(byRows.detail().contains("external_services 2") && !byRows.detail().contains("user_external_accounts"), byRows.detail());
        assertTrue(byRows.detail().contains("ALLOW_DECRYPTION=true"), byRows.detail());
    }

    @Test
    void spacePassesWarnsOrFailsByHowFarThePayloadCouldFit() {
        assertEquals(Check.Status.PASS, only(new Qualification(false).space("/out", 10L << 30, 8L << 30)).status());
        assertEquals(Check.Status.WARN, only(new Qualification(false).space("/out", 2L << 30, 8L << 30)).status());
        assertEquals(Check.Status.FAIL, only(new Qualification(false).space("/out", 100L << 20, 8L << 30)).status());
    }
}
