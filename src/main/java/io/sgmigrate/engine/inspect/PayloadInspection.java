package io.sgmigrate.engine.inspect;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a payload file is and holds, found by reading all of it once (nothing written anywhere): its kind, how it is
 * protected and signed (the verdict first), its layout, every entry with its size and SHA-256, and for each database
 * dump what it is (role, the database it came from, pg_dump's version, the Sourcegraph version its data records, rows per
 * table) and what a restore into a scratch database must neutralise. {@code problems} are the checks that failed.
 */
public record PayloadInspection(
        String file,
        long size,
        String sha256,
        String kind,
        boolean encrypted,
        String protection,
        Signature signature,
        String layout,
        List<Entry> entries,
        List<Dump> dumps,
        Optional<String> sourcegraphVersion,
        Optional<String> siteConfigEntry,
        Optional<String> externalUrl,
        List<String> warnings,
        List<String> problems) {

    public enum Verdict { SIGNED_KNOWN, SIGNED_UNKNOWN, BAD, UNSIGNED }

    /** {@code by} is the signer's fingerprint (known) or key ID (unknown), empty when unsigned. */
    public record Signature(Verdict verdict, String by, String userId) {
        public String line() {
            return switch (verdict) {
                case SIGNED_KNOWN -> "signed by a known key " + by + (userId.isEmpty() ? "" : " (" + userId + ")");
                case SIGNED_UNKNOWN -> "signed by an UNKNOWN key " + by + " (give the customer's public key with --signer to check it)";
                case BAD -> "BAD signature" + (by.isEmpty() ? "" : " by " + by) + ": the file was changed after it was signed";
                case UNSIGNED -> "UNSIGNED: nothing proves who made this file";
            };
        }
    }

    /** One file inside the payload; {@code role} is frontend, codeintel, codeinsights, site-config, summary, snapshot or ignored. */
    public record Entry(String name, long size, String sha256, String role) {}

    /**
     * A database dump, restored into the database of {@code role}; {@code source} is the instance's database name as the
     * migration names it (e.g. {@code sourcegraph}, {@code sourcegraph-codeintel}); {@code section} the database of a
     * {@code pg_dumpall} it is taken from (empty for a dump of one database).
     */
    public record Dump(String role, String source, String entry, String section, String pgDumpVersion, String serverVersion,
                       Map<String, String> versions, Map<String, Long> rows, Map<String, Long> neutralised) {
        public long totalRows() {
            return rows.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    public boolean passed() {
        return problems.isEmpty();
    }

    /** The findings as plain data for JSON ({@code null} where nothing is known). */
    public Map<String, Object> data() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("passed", passed());
        m.put("problems", problems);
        m.put("signature", Map.of("verdict", signature.verdict().name(), "by", signature.by(), "userId", signature.userId()));
        m.put("file", file);
        m.put("size", size);
        m.put("sha256", sha256);
        m.put("kind", kind);
        m.put("encrypted", encrypted);
        m.put("protection", protection);
        m.put("layout", layout);
        m.put("sourcegraphVersion", sourcegraphVersion.orElse(null));
        m.put("externalURL", externalUrl.orElse(null));
        m.put("siteConfigEntry", siteConfigEntry.orElse(null));
        m.put("entries", entries);
        m.put("dumps", dumps);
        m.put("warnings", warnings);
        return m;
    }

    /** The findings as a person reads them: the verdict first, then what the file is, then what it holds. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        sb.append("Verdict: ").append(passed() ? "every check passed" : "FAILED: " + String.join("; ", problems)).append('\n');
        sb.append("Signature: ").append(signature.line()).append('\n');
        sb.append("File: ").append(file).append(", ").append(io.sgmigrate.engine.progress.Units.bytes(size)).append(", SHA-256 ").append(sha256).append('\n');
        sb.append("Kind: ").append(kind).append(encrypted ? ", " + protection : ", NOT ENCRYPTED").append('\n');
        sb.append("Layout: ").append(layout).append('\n');
        sourcegraphVersion.ifPresentOrElse(v -> sb.append("Data: Sourcegraph ").append(v).append('\n'),
                () -> sb.append("Data: Sourcegraph version not recorded\n"));
        externalUrl.ifPresent(u -> sb.append("Site config: externalURL ").append(u).append(siteConfigEntry.map(e -> " (" + e + ")").orElse("")).append('\n'));
        sb.append("Entries:\n");
        for (Entry e : entries) {
            sb.append(String.format(java.util.Locale.ROOT, "  %-40s %12s  %s  %s%n", io.sgmigrate.engine.payload.Inbound.shown(e.name()), io.sgmigrate.engine.progress.Units.bytes(e.size()), e.sha256(), e.role()));
        }
        for (Dump d : dumps) {
            sb.append("Dump ").append(d.entry()).append(d.section().isEmpty() ? "" : " (database " + d.section() + ")").append(": ").append(d.role())
                    .append(" database").append(d.pgDumpVersion().isEmpty() ? "" : ", pg_dump " + d.pgDumpVersion())
                    .append(d.serverVersion().isEmpty() ? "" : " of PostgreSQL " + d.serverVersion())
                    .append(", ").append(d.rows().size()).append(" tables, ").append(d.totalRows()).append(" rows").append('\n');
            d.versions().forEach((svc, v) -> sb.append("  versions: ").append(svc).append(' ').append(v).append('\n'));
            if (!d.neutralised().isEmpty()) {
                sb.append("  left out for a strict restore:");
                d.neutralised().forEach((what, n) -> sb.append(' ').append(what).append(" \u00d7").append(n).append(';'));
                sb.append('\n');
            }
            d.rows().forEach((t, n) -> sb.append(String.format(java.util.Locale.ROOT, "    %-48s %,d%n", t, n)));
        }
        for (String w : warnings) sb.append("WARNING: ").append(w).append('\n');
        return sb.toString();
    }
}
