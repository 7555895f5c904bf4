package io.sgmigrate.engine.migrate;

import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.inspect.PayloadInspection;
import io.sgmigrate.engine.inspect.PayloadInspector;
import io.sgmigrate.engine.inspect.PayloadKeys;
import io.sgmigrate.engine.progress.Units;
import io.sgmigrate.engine.snapshot.FingerprintKey;
import io.sgmigrate.engine.snapshot.Snapshot;
import io.sgmigrate.engine.sourcegraph.SourcegraphVersion;
import io.sgmigrate.engine.ssh.SshAddress;
import io.sgmigrate.engine.ssh.SshConnection;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongConsumer;

/**
 * A payload file here as the source of a migration: read all of it in pre-flight (its inspection: kind, signature,
 * layout, version, row counts, what must be neutralised), then read again straight into the restore, each entry
 * checked against the first reading. Decrypted in memory only; the file is never changed.
 */
final class PayloadFileSource implements DumpSource.Payload {
    private final Path file;
    private final PayloadKeys keys;
    private PayloadInspection inspection;
    private Optional<SiteConfigEdit> siteConfig = Optional.empty();
    private Optional<io.sgmigrate.engine.verify.SrcSummary> summary = Optional.empty();
    private Reading reading = Reading.NONE;

    PayloadFileSource(Path file, PayloadKeys keys) {
        this(file, keys, Optional.empty());
    }

    /** {@code firstReading}: this file's reading made before (by a front), so that pre-flight need not read it again. */
    PayloadFileSource(Path file, PayloadKeys keys, Optional<PayloadInspector.Found> firstReading) {
        this.file = file.toAbsolutePath().normalize();
        this.keys = keys;
        firstReading.ifPresent(this::take);
    }

    @Override
    public Map<String, String> open(Function<SshAddress, SshConnection> connect, Reading reading) {
        if (!Files.isRegularFile(file)) throw Problem.of(Problem.Kind.INPUT, "load.payload.missing", file);
        this.reading = reading;
        Map<String, String> m = new LinkedHashMap<>();
        m.put(RunBinding.PAYLOAD, file.toString());
        // The file is part of what the journal belongs to: a resume with another file, or this one changed, is refused.
        // Its SHA-256 is the first reading's, so the file is read twice in all (checked, then restored), not three times.
        m.put(RunBinding.PAYLOAD_SHA256, examined().sha256());
        return m;
    }

    /** Which database of the migration each role's dump goes into, named as the single container names them. */
    static String database(String role) {
        return switch (role) {
            case "codeintel" -> SourcegraphVersion.CODEINTEL_DB_NAME;
            case "codeinsights" -> SourcegraphVersion.CODEINSIGHTS_DB_NAME;
            default -> SourcegraphVersion.FRONTEND_DB;
        };
    }

    @Override
    public Preflight.Offer preflight(Preflight checks) {
        PayloadInspection p = examined();
        checks.add(Check.pass("Payload file", file + ": " + p.kind() + ", " + Units.bytes(p.size()) + ", SHA-256 " + p.sha256()));
        checks.add(switch (p.signature().verdict()) {
            case SIGNED_KNOWN -> Check.pass("Signature", p.signature().line());
            case SIGNED_UNKNOWN, UNSIGNED -> Check.warn("Signature", p.signature().line());
            case BAD -> Check.fail("Signature", p.signature().line());
        });
        checks.add(p.passed() ? Check.pass("Payload contents", p.layout() + ": " + describe(p))
                : Check.fail("Payload contents", p.layout() + ": " + String.join("; ", p.problems())));
        for (PayloadInspection.Dump d : p.dumps()) {
            if (!d.neutralised().isEmpty()) {
                checks.add(Check.pass("Dump " + d.entry(), "for a strict restore into a scratch database, these are left out: " + neutralised(d)));
            }
        }
        for (String w : p.warnings()) checks.add(Check.warn("Payload", w));
        p.entries().stream().filter(e -> e.role().equals("summary")).findFirst().ifPresent(e -> checks.add(Check.pass("src snapshot summary",
                e.name() + ": the new instance's code host connections and auth providers are checked against it after the start")));
        p.siteConfigEntry().ifPresent(e -> checks.add(Check.pass("Site configuration", e + " from the payload is put in place"
                + p.externalUrl().map(u -> " (its externalURL: " + u + ")").orElse(""))));
        Optional<SourcegraphVersion> version = p.sourcegraphVersion().flatMap(SourcegraphVersion::parse);
        checks.add(version.map(v -> Check.pass("Sourcegraph version of the data", v + " (" + p.layout() + ")"))
                .orElse(Check.warn("Sourcegraph version of the data", "not recorded in the payload; the restored data's versions table is checked before anything is replaced")));
        List<String> dbs = new ArrayList<>();
        long bytes = 0;
        Map<String, String> recorded = new LinkedHashMap<>();
        recorded.put("payloadSha256", p.sha256());
        recorded.put("payloadKind", p.kind());
        recorded.put("signature", p.signature().line());
        recorded.put("layout", p.layout());
        for (PayloadInspection.Dump d : p.dumps()) {
            String db = database(d.role());
            if (!dbs.contains(db)) dbs.add(db);
            d.rows().forEach((t, n) -> recorded.put("count:" + db + ":" + t, Long.toString(n)));
            d.neutralised().forEach((what, n) -> recorded.put("neutralised:" + d.entry() + ":" + what, Long.toString(n)));
        }
        for (PayloadInspection.Entry e : p.entries()) {
            recorded.put("entry:" + e.name(), e.size() + " " + e.sha256());
            if (e.role().matches("frontend|codeintel|codeinsights")) bytes += e.size();
        }
        String server = p.dumps().stream().map(PayloadInspection.Dump::serverVersion).filter(x -> !x.isEmpty()).findFirst().orElse(null);
        return new Preflight.Offer("", version, List.copyOf(dbs), bytes, server, false, "", "the payload", false, recorded);
    }

    private static String describe(PayloadInspection p) {
        List<String> parts = new ArrayList<>();
        for (PayloadInspection.Dump d : p.dumps()) {
            parts.add(d.entry() + (d.section().isEmpty() ? "" : " (database " + d.section() + ")") + " \u2192 " + Facts.targetContainer(database(d.role()))
                    + ", " + d.rows().size() + " tables, " + d.totalRows() + " rows");
        }
        return String.join("; ", parts);
    }

    private static String neutralised(PayloadInspection.Dump d) {
        List<String> l = new ArrayList<>();
        d.neutralised().forEach((what, n) -> l.add(what + " \u00d7" + n));
        return String.join(", ", l);
    }

    /** The first reading of the file: in pre-flight, or on a resume whenever something of it is needed first. */
    private PayloadInspection examined() {
        if (inspection != null) return inspection;
        long size;
        try {
            size = Files.size(file);
        } catch (java.io.IOException e) {
            throw Problem.of(Problem.Kind.INPUT, "load.payload.missing", file).causedBy(e);
        }
        take(PayloadInspector.examine(file, keys, n -> reading.at(n, size)));
        return inspection;
    }

    private void take(PayloadInspector.Found found) {
        PayloadInspection p = found.inspection();
        if (!Path.of(p.file()).toAbsolutePath().normalize().equals(file)) throw new IllegalArgumentException("a reading of " + p.file() + ", not of " + file);
        siteConfig = found.siteConfig().map(c -> SiteConfigEdit.replaceWith(c, p.siteConfigEntry().orElse("the payload")));
        String summaryEntry = p.entries().stream().filter(e -> e.role().equals("summary")).map(PayloadInspection.Entry::name).findFirst().orElse("summary.json");
        summary = found.summary().map(j -> io.sgmigrate.engine.verify.SrcSummary.parse(j, summaryEntry));
        inspection = p;
    }

    @Override
    public Optional<SiteConfigEdit> siteConfig() {
        examined();
        return siteConfig;
    }

    @Override
    public Optional<io.sgmigrate.engine.verify.SrcSummary> summary() {
        examined();
        return summary;
    }

    @Override
    public Snapshot snapshot(FingerprintKey key, Consumer<String> log) {
        return null;
    }

    @Override
    public String state() {
        return "Payload file: unchanged (it is only read).";
    }

    @Override
    public Map<String, String> read(Facts f, BiFunction<String, String, OutputStream> restore, LongConsumer bytesRead) {
        PayloadInspection p = examined();
        Map<String, String> out = new LinkedHashMap<>();
        PayloadInspector.read(file, keys, p, d -> restore.apply(Facts.member(database(d.role())),
                d.entry() + (d.section().isEmpty() ? "" : " (database " + d.section() + ")")), inPlainBytes(bytesRead, p.size(), f.estimatedBytes()));
        for (PayloadInspection.Dump d : p.dumps()) out.put("restored:" + d.entry() + (d.section().isEmpty() ? "" : "#" + d.section()), Long.toString(d.totalRows()) + " rows");
        return out;
    }

    /**
     * The file's bytes read, told as the share of the plain dumps they stand for: the restore's meter counts toward the
     * dumps' size (what pre-flight estimated), while the file is compressed and encrypted, so it would end at a third.
     */
    static LongConsumer inPlainBytes(LongConsumer plain, long fileSize, long plainSize) {
        if (fileSize <= 0 || plainSize <= 0) return plain;
        double scale = (double) plainSize / fileSize;
        return n -> plain.accept(Math.min(plainSize, (long) (n * scale)));
    }

    @Override
    public List<Plan.Line> plan(Facts f) {
        List<Plan.Line> l = new ArrayList<>();
        l.add(new Plan.Line(Step.PREFLIGHT, "here", "(no command)", "read all of " + file + ": decrypted in memory, every entry's SHA-256, row counts, what to neutralise"));
        l.add(new Plan.Line(Step.RESTORE, "here", "(no command)", "read " + file + " again, each entry checked against the first reading, neutralised and streamed into psql on the new host"));
        return l;
    }
}
