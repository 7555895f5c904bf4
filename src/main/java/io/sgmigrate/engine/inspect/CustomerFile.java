package io.sgmigrate.engine.inspect;

import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.dump.DumpFilter;
import io.sgmigrate.engine.dump.DumpScan;
import io.sgmigrate.engine.dump.DumpScanner;
import io.sgmigrate.engine.payload.Abortable;
import io.sgmigrate.engine.payload.Inbound;
import io.sgmigrate.engine.payload.InboundKeys;
import io.sgmigrate.engine.payload.InboundLayout;
import io.sgmigrate.engine.snapshot.Jsonc;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongConsumer;

/**
 * A customer's file, anything {@link Inbound} reads but sgmigrate's own payload: the first reading finds its layout and
 * scans every SQL dump (kind, versions, rows, site config, what a strict restore must leave out); the second streams
 * each dump through a {@link DumpFilter} into its sink. Sinks are completed only once the whole file was proven (its
 * integrity, signature and every entry's SHA-256 as in the first reading); otherwise each is aborted.
 */
final class CustomerFile {
    /** The role of Docker Compose's frontend and codeintel databases: what a dump's owners and grants are restored as. */
    static final String COMPOSE_ROLE = "sg";
    /** codeinsights-db's only role. */
    static final String CODEINSIGHTS_ROLE = "postgres";
    /** A site configuration file larger than this is not one. */
    private static final int MAX_JSON = 4 << 20;

    private CustomerFile() {}

    /** The role owning a restored dump of {@code dumpRole} ({@link PayloadInspection.Dump#role()}) on Docker Compose. */
    static String roleOf(String dumpRole) {
        return dumpRole.equals("codeinsights") ? CODEINSIGHTS_ROLE : COMPOSE_ROLE;
    }

    static InboundKeys keys(PayloadKeys k, boolean withPin) {
        InboundKeys ik = InboundKeys.none();
        for (Path f : k.secretKeys()) ik = ik.withSecretKeys(f);
        ik = ik.withKeyPassphrase(k.keyPassphrase());
        if (k.passphrase().isPresent()) ik = ik.withPassphrase(k.passphrase().get());
        for (Path f : k.signers()) ik = ik.withSigners(f);
        if (k.keyring().isPresent()) ik = ik.withKeyring(k.keyring().get());
        if (withPin && k.pinnedSigner().isPresent()) ik = ik.withPinnedSigner(k.pinnedSigner().get());
        return ik;
    }

    /** The inspection, and the customer's site configuration file when the layout has one (kept in memory only). */
    record Found(PayloadInspection inspection, Optional<String> siteConfig, Optional<String> summary) {}

    static Found inspect(Path file, PayloadKeys keys, LongConsumer bytesRead) {
        Map<String, DumpScan> scans = new LinkedHashMap<>();
        Map<String, String> json = new LinkedHashMap<>();
        Inbound.Verdict v;
        Inbound.Kind kind;
        try (Inbound in = Inbound.open(file, keys(keys, true), bytesRead)) {
            kind = in.kind();
            v = in.entries((name, size, data) -> {
                String lower = name.toLowerCase(Locale.ROOT);
                if (lower.endsWith(".sql")) scans.put(name, new DumpScanner(COMPOSE_ROLE, CODEINSIGHTS_ROLE).scan(data));   // the role follows what the dump holds
                else if (lower.endsWith(".json") && size <= MAX_JSON) json.put(name, new String(data.readAllBytes(), StandardCharsets.UTF_8));
            });
        } catch (IOException e) {
            throw Problem.of(Problem.Kind.INPUT, "load.payload.unreadable", file).causedBy(e);
        }
        InboundLayout layout = InboundLayout.detect(v.entries().stream().map(Inbound.Entry::name).toList());
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<PayloadInspection.Dump> dumps = dumps(layout, scans, problems);
        Map<String, String> roleOf = new LinkedHashMap<>();
        layout.roles().forEach((role, entry) -> roleOf.put(entry, role.name().toLowerCase(Locale.ROOT).replace('_', '-')));
        for (PayloadInspection.Dump d : dumps) if (layout.entry(InboundLayout.Role.UNDECIDED_SQL) != null) roleOf.put(d.entry(), scans.get(d.entry()).kind() == DumpScan.Kind.PG_DUMPALL ? "cluster" : d.role());
        List<PayloadInspection.Entry> entries = v.entries().stream()
                .map(e -> new PayloadInspection.Entry(e.name(), e.size(), e.sha256(), roleOf.getOrDefault(e.name(), "ignored"))).toList();
        if (!layout.ignored().isEmpty()) warnings.add("not used: " + String.join(", ", layout.ignored().stream().map(Inbound::shown).toList()));
        if (v.unencrypted()) warnings.add("the file is NOT ENCRYPTED: anyone who had it on its way could read the customer's data; ask for an encrypted payload next time");

        Optional<String> siteConfigEntry = Optional.ofNullable(layout.entry(InboundLayout.Role.SITE_CONFIG));
        Optional<String> siteConfig = siteConfigEntry.map(json::get);
        if (siteConfigEntry.isPresent() && siteConfig.isEmpty()) problems.add(siteConfigEntry.get() + " is larger than a site configuration can be");
        siteConfig.ifPresent(s -> {
            try {
                if (!Jsonc.parse(s).isObject()) problems.add(siteConfigEntry.get() + " is not a JSON object");
            } catch (Jsonc.Malformed e) {
                problems.add(siteConfigEntry.get() + " is not valid JSON: " + e.getMessage());
            }
        });
        Optional<String> frontendConfig = dumps.stream().filter(d -> d.role().equals("frontend")).findFirst()
                .flatMap(d -> section(scans.get(d.entry()), d.section())).map(DumpScan.Section::siteConfig);
        Optional<String> externalUrl = siteConfig.or(() -> frontendConfig).map(CustomerFile::externalUrl).filter(u -> !u.isEmpty());
        Optional<String> version = dumps.stream().filter(d -> d.role().equals("frontend")).findFirst()
                .map(d -> d.versions().get("frontend")).filter(s -> !s.isBlank());
        if (dumps.stream().noneMatch(d -> d.role().equals("frontend"))) problems.add("no frontend database dump");

        PayloadInspection.Signature sig = signature(v.signature());
        PayloadInspection p = new PayloadInspection(file.toAbsolutePath().toString(), v.fileSize(), v.fileSha256(), kind(kind, v),
                !v.unencrypted(), protection(v), sig, layout(layout, scans), entries, List.copyOf(dumps), version, siteConfigEntry, externalUrl,
                List.copyOf(warnings), List.copyOf(problems));
        Optional<String> summary = Optional.ofNullable(layout.entry(InboundLayout.Role.SUMMARY)).map(json::get);
        return new Found(p, siteConfig, summary);
    }

    /** Every Sourcegraph database the file holds, by its layout's roles and each dump's own content. */
    private static List<PayloadInspection.Dump> dumps(InboundLayout layout, Map<String, DumpScan> scans, List<String> problems) {
        List<PayloadInspection.Dump> dumps = new ArrayList<>();
        for (InboundLayout.Role role : List.of(InboundLayout.Role.FRONTEND, InboundLayout.Role.CODEINTEL, InboundLayout.Role.CODEINSIGHTS,
                InboundLayout.Role.UNDECIDED_SQL)) {
            String entry = layout.entry(role);
            if (entry == null) continue;
            DumpScan scan = scans.get(entry);
            String named = role == InboundLayout.Role.UNDECIDED_SQL ? null : role.name().toLowerCase(Locale.ROOT);
            List<DumpScan.Section> sections = scan.kind() == DumpScan.Kind.PG_DUMPALL
                    ? scan.sections().stream().filter(s -> s.role() != DumpScan.Role.UNKNOWN).toList() : scan.sections();
            if (sections.isEmpty()) {
                problems.add(entry + " holds no Sourcegraph database");
                continue;
            }
            for (DumpScan.Section s : sections) {
                String found = s.role() == DumpScan.Role.UNKNOWN ? null : s.role().name().toLowerCase(Locale.ROOT);
                if (named != null && found != null && !named.equals(found)) {
                    problems.add(entry + " is named as the " + named + " database's dump but holds the " + found + " database");
                    continue;
                }
                String r = named != null ? named : found;
                if (r == null) {
                    problems.add("cannot tell which Sourcegraph database " + entry + " holds (neither frontend, code intelligence nor code insights tables)");
                    continue;
                }
                if (dumps.stream().anyMatch(d -> d.role().equals(r))) {
                    problems.add("two dumps of the " + r + " database: " + entry + (s.database() == null ? "" : " (" + s.database() + ")") + " and "
                            + dumps.stream().filter(d -> d.role().equals(r)).findFirst().get().entry());
                    continue;
                }
                String sectionName = scan.kind() == DumpScan.Kind.PG_DUMPALL ? s.database() : "";
                dumps.add(new PayloadInspection.Dump(r, s.database() == null ? entry : s.database(), entry, sectionName,
                        nullToEmpty(scan.dumpVersion()), nullToEmpty(scan.serverVersion()), s.versions(), s.rowCounts(), s.changesAs(roleOf(r))));
            }
        }
        return dumps;
    }

    private static Optional<DumpScan.Section> section(DumpScan scan, String database) {
        if (database.isEmpty()) return scan.sections().stream().findFirst();
        return scan.section(database);
    }

    /**
     * Reads the file again: each dump of {@code inspection} through a {@link DumpFilter} into {@code sinks.apply(dump)} (null:
     * not wanted). Sinks are completed (closed) only after the whole file proved to be the one inspected; otherwise aborted.
     */
    static void read(Path file, PayloadKeys keys, PayloadInspection inspection, Function<PayloadInspection.Dump, OutputStream> sinks,
                     LongConsumer bytesRead) {
        List<OutputStream> opened = new ArrayList<>();
        boolean done = false;
        try (Inbound in = Inbound.open(file, keys(keys, true), bytesRead)) {
            Inbound.Verdict v = in.entries((name, size, data) -> {
                List<DumpFilter> filters = new ArrayList<>();
                for (PayloadInspection.Dump d : inspection.dumps()) {
                    if (!d.entry().equals(name)) continue;
                    OutputStream sink = sinks.apply(d);
                    if (sink == null) continue;
                    opened.add(sink);
                    filters.add(new DumpFilter(new Held(sink), roleOf(d.role()), d.section().isEmpty() ? null : d.section()));
                }
                if (filters.isEmpty()) return;
                tee(data, filters);
                for (DumpFilter f : filters) f.close();
            });
            PayloadInspector.sameAsFirstReading(file, inspection, v.fileSha256(), name -> v.entries().stream().filter(x -> x.name().equals(name))
                    .findFirst().map(Inbound.Entry::sha256).orElse(null));
            for (OutputStream s : opened) s.close();
            done = true;
        } catch (IOException e) {
            throw Problem.of(Problem.Kind.INPUT, "load.payload.unreadable", file).causedBy(e);
        } finally {
            if (!done) {
                for (OutputStream s : opened) {
                    if (s instanceof Abortable a) {
                        try {
                            a.abort();
                        } catch (RuntimeException ignored) {
                            // the reading's own error is the one reported
                        }
                    }
                }
            }
        }
    }

    private static void tee(InputStream data, List<DumpFilter> filters) throws IOException {
        byte[] buf = new byte[1 << 16];
        for (int n; (n = data.read(buf)) > 0; ) {
            for (DumpFilter f : filters) f.write(buf, 0, n);
        }
    }

    /** A sink whose close waits for the end of the whole file: {@link DumpFilter#close()} only flushes it. */
    private static final class Held extends FilterOutputStream {
        Held(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }

    static PayloadInspection.Signature signature(Inbound.Signature s) {
        if (s instanceof Inbound.Signature.SignedKnown k) return new PayloadInspection.Signature(PayloadInspection.Verdict.SIGNED_KNOWN, k.fingerprint(), k.userId());
        if (s instanceof Inbound.Signature.SignedUnknown u) return new PayloadInspection.Signature(PayloadInspection.Verdict.SIGNED_UNKNOWN, u.keyId(), "");
        if (s instanceof Inbound.Signature.Bad b) return new PayloadInspection.Signature(PayloadInspection.Verdict.BAD, b.keyId(), "");
        return new PayloadInspection.Signature(PayloadInspection.Verdict.UNSIGNED, "", "");
    }

    private static String externalUrl(String jsonc) {
        try {
            return Jsonc.parse(jsonc).path("externalURL").asText("");
        } catch (Jsonc.Malformed e) {
            return "";
        }
    }

    private static String kind(Inbound.Kind kind, Inbound.Verdict v) {
        String archive = switch (v.archive()) {
            case TAR -> "tar";
            case TAR_GZIP -> "tar.gz";
            case TAR_ZSTD -> "tar.zst";
        };
        return switch (kind) {
            case OPENPGP_ARMORED -> archive + " in an ASCII-armored OpenPGP message";
            case OPENPGP_BINARY -> archive + " in a binary OpenPGP message";
            case PLAIN_ARCHIVE -> archive + ", not in OpenPGP";
        };
    }

    private static String protection(Inbound.Verdict v) {
        return switch (v.encryption()) {
            case NONE -> "NOT ENCRYPTED";
            case PUBLIC_KEYS -> "encrypted to key " + String.join(", ", v.recipients());
            case PASSPHRASE -> "encrypted to a passphrase";
            case PUBLIC_KEYS_OR_PASSPHRASE -> "encrypted to key " + String.join(", ", v.recipients()) + " or a passphrase";
        };
    }

    private static String layout(InboundLayout layout, Map<String, DumpScan> scans) {
        return switch (layout.layout()) {
            case SRC_SNAPSHOT -> "src snapshot databases (" + layout.entry(InboundLayout.Role.FRONTEND) + ")";
            case MANAGED_INSTANCE -> "managed-instance seed (" + layout.entry(InboundLayout.Role.FRONTEND) + ")";
            case SINGLE_DUMP -> {
                String e = layout.entry(InboundLayout.Role.UNDECIDED_SQL);
                DumpScan s = scans.get(e);
                yield "one SQL dump, " + (s != null && s.kind() == DumpScan.Kind.PG_DUMPALL ? "pg_dumpall of a whole cluster" : "pg_dump") + " (" + e + ")";
            }
            case SGMIGRATE -> "sgmigrate payload";
        };
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
