package io.sgmigrate.engine.snapshot;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * What cannot be regenerated, and what proves completeness, of one Sourcegraph instance at one moment:
 * per database every table's row count, content fingerprints, sequences, extensions and schema version;
 * the site config, global settings and code host connections as meaning, not text. Never secrets: values
 * that may hold tokens, and table contents, are kept only as fingerprints under the comparison's
 * {@link FingerprintKey}, named by {@code fingerprintKeyId}. Format 1 kept plain SHA-256 (and PostgreSQL's MD5)
 * digests and no key id.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Snapshot(int format, String capturedAt, String tool, Instance instance, Map<String, Database> databases, Semantic semantic,
                       String fingerprintKeyId) {
    public static final int FORMAT = 2;

    /** Without a key id: an unkeyed snapshot, as format 1 wrote. */
    public Snapshot(int format, String capturedAt, String tool, Instance instance, Map<String, Database> databases, Semantic semantic) {
        this(format, capturedAt, tool, instance, databases, semantic, null);
    }

    /** {@code kind} is "single-container" or "compose"; {@code reachedBy} how the databases were read. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Instance(String host, String kind, String location, String sourcegraphVersion, String reachedBy) {}

    /**
     * One database, keyed in {@link #databases} by its role: "frontend", "codeintel" or "codeinsights" (the
     * names differ between a single container and compose; the roles do not).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Database(String name, String postgresVersion, long sizeBytes, Map<String, Table> tables, Map<String, Long> sequences,
                           Map<String, String> extensions, Map<String, String> schemaVersions, Map<String, String> versions) {}

    /** {@code fingerprint} is null when the table was only counted (large and regenerable). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Table(long rows, long bytes, String fingerprint, boolean core) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Semantic(SiteConfig siteConfig, String globalSettingsFingerprint, List<CodeHost> codeHosts) {}

    /**
     * The latest site config, parsed as JSONC: its meaning's fingerprint, each top-level key's, and the few
     * values that are never secret and that people compare by eye. {@code parseError} is only where it breaks
     * ("line 3, column 17"); format 1 kept the parser's message there, which may quote a secret.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SiteConfig(String fingerprint, Map<String, String> keys, String externalURL, List<AuthProvider> authProviders,
                             String parseError) {
        /** {@code parseError} when it is only a location, else "location not recorded"; null when it parsed. */
        public String parseLocation() {
            return parseError == null ? null : parseError.matches("line \\d+, column \\d+") ? parseError : "location not recorded";
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AuthProvider(String type, String displayName) {}

    /** {@code encrypted}: the config is ciphertext (encryption.keys); its fingerprint is the ciphertext's. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CodeHost(long id, String kind, String displayName, String configFingerprint, boolean encrypted) {}
}
