package io.sgmigrate.engine.migrate;

import io.sgmigrate.engine.AppInfo;
import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.inspect.PayloadInspector;
import io.sgmigrate.engine.journal.Journal;
import io.sgmigrate.engine.notice.MigrationNotice;
import io.sgmigrate.engine.payload.CheckKey;
import io.sgmigrate.engine.payload.Manifest;
import io.sgmigrate.engine.payload.PayloadWriter;
import io.sgmigrate.engine.payload.Protection;
import io.sgmigrate.engine.payload.Signer;
import io.sgmigrate.engine.progress.TransferMeter;
import io.sgmigrate.engine.progress.Units;
import io.sgmigrate.engine.report.Report;
import io.sgmigrate.engine.prompt.Prompter;
import io.sgmigrate.engine.snapshot.FingerprintKey;
import io.sgmigrate.engine.snapshot.InstanceConfig;
import io.sgmigrate.engine.snapshot.InstanceDatabases;
import io.sgmigrate.engine.snapshot.Snapshot;
import io.sgmigrate.engine.snapshot.SnapshotFile;
import io.sgmigrate.engine.sourcegraph.SourcegraphVersion;
import io.sgmigrate.engine.ssh.SshAddress;
import io.sgmigrate.engine.ssh.SshConnection;
import io.sgmigrate.engine.ssh.SshConnector;
import io.sgmigrate.engine.transfer.LocalPayloadFile;
import io.sgmigrate.engine.transfer.PayloadTransfer;
import io.sgmigrate.engine.transfer.StagedPayload;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes the payload a customer sends to support: the instance's databases, its snapshot and the configuration that
 * cannot be recreated, streamed from the host into one encrypted file here (no plain byte on any disk), then read back
 * and proven. The same source and payload writer as a migration ({@link SingleContainerSource}, {@link PayloadTransfer});
 * the end is a file here ({@link LocalPayloadFile}) instead of the new host. The instance is only read. Nothing is
 * destructive, so an interrupted create is simply run again: it starts the file over.
 */
public final class PayloadCreate {
    private final CreateSettings s;
    private final MigrationListener listener;
    private final SshConnector connector;
    private final DumpSource.OnHost source;
    private final List<SshConnection> open = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean cancelled;
    private Journal journal;

    /** What was written, proven by reading it back: what a person pastes into the support ticket. */
    public record Created(Path file, long bytes, String sha256, List<String> openedBy, Manifest manifest, String version,
                          Map<String, Map<String, Long>> rowCounts, List<Check> warnings, boolean noticeShown, Optional<String> signedBy) {
        public String handover() {
            return "Payload " + file.getFileName() + ", " + Units.bytes(bytes) + " (" + bytes + " bytes), SHA-256 " + sha256
                    + "; opens with " + String.join(", ", openedBy) + signedBy.map(s -> "; signed by " + s).orElse("; not signed");
        }
    }

    public PayloadCreate(CreateSettings settings, Prompter prompter, MigrationListener listener) {
        this.s = settings;
        this.listener = listener;
        this.connector = new SshConnector(prompter);
        this.source = settings.composeDir().<DumpSource.OnHost>map(d -> new ComposeSource(settings.source(), d, settings.compression()))
                .orElseGet(() -> new SingleContainerSource(settings.source(), settings.container(), settings.compression()));
    }

    /** What a journal records of how this create was asked for: the recipients by fingerprint, never a passphrase or key. */
    public Map<String, String> inputs() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("task", RunFiles.CREATE_TASK);
        m.put("source", s.source().display());
        s.container().ifPresent(c -> m.put(RunBinding.CONTAINER, c));
        s.composeDir().ifPresent(d -> m.put(RunBinding.SOURCE_COMPOSE_DIR, d));
        m.put("out", s.out().toAbsolutePath().toString());
        m.put("openedBy", String.join(", ", s.openedBy()));
        s.signer().ifPresent(x -> m.put("signedBy", x.fingerprint()));
        m.put("compression", s.compression().name().toLowerCase(java.util.Locale.ROOT));
        if (s.armored()) m.put("armor", "yes");
        m.put("content", s.configOnly() ? "configuration only" : "databases and configuration");
        if (s.notice().isPresent()) m.put("notice", "yes");
        if (s.managedInstance()) m.put("for", "managed-instance");
        return m;
    }

    /** Stops at once: connections are closed, the file under its temporary name is removed. Any thread. */
    public void cancel() {
        cancelled = true;
        open.forEach(SshConnection::close);
    }

    private SshConnection connect(SshAddress a) {
        if (cancelled) throw Problem.of(Problem.Kind.CANCELLED, "job.cancelled");
        SshConnection c = connector.connect(a, s.ssh());
        open.add(c);
        if (cancelled) c.close();
        return c;
    }

    private record Found(Facts facts, List<Check> checks) {}

    /** What the payload holds besides the dumps, read once nothing more will change on the instance. */
    private record Read(InstanceConfig config, Snapshot snapshot) {}

    public Created run() {
        return run(null);
    }

    /**
     * Makes the payload, recording the run in {@code journal} when one is given (steps, checks, the file's size and SHA-256;
     * never a secret). A journal of an earlier, unfinished create of the same instance and file continues: the notice is not
     * added twice and the file starts over. A journal of other hosts, folders or another file is refused before anything runs.
     */
    public Created run(Journal journal) {
        this.journal = journal;
        Step current = Step.CONNECT_SOURCE;
        listener.planned(Step.createOrder(s.notice().isPresent()));
        try {
            if (journal != null && journal.isDone(Step.CHECK_FILE.id())) throw Problem.of(Problem.Kind.INPUT, "payload.create.journalDone", journal.file());
            LocalPayloadFile.checkUsable(s.out());
            // The journal's step is touched only once this run is known to be its run: a refused resume leaves it as it was.
            listener.stepStarted(current);
            Map<String, String> binding = new LinkedHashMap<>(source.open(this::connect, DumpSource.Reading.NONE));
            binding.put(RunBinding.PAYLOAD, s.out().toAbsolutePath().toString());
            if (journal != null) {
                Map<String, String> then = journal.outputs(Step.CONNECT_SOURCE.id());
                List<String> differ = then.isEmpty() ? List.of() : RunBinding.differences(then, binding, null, null);
                if (!differ.isEmpty()) throw RunBinding.refused(journal, differ);
            }
            journalStarted(current);
            finished(current, source.host().address().display() + " (" + source.host().hostKeyFingerprint() + ")", binding);
            current = Step.PREFLIGHT;
            started(current);
            Found found = preflight();
            Map<String, String> checks = new LinkedHashMap<>();
            for (Check c : found.checks) checks.put("check:" + c.name(), c.status() + " " + c.detail());
            checks.put("sourceVersion", found.facts.sourceVersion());
            checks.put("estimatedBytes", Long.toString(found.facts.estimatedBytes()));
            finished(current, found.checks.stream().anyMatch(c -> c.status() == Check.Status.WARN) ? "passed, with warnings above" : "all checks passed", checks);
            boolean shown = false;
            if (s.notice().isPresent()) {
                current = Step.NOTICE;
                shown = true;
                if (journal != null && journal.isDone(current.id())) {
                    listener.stepSkipped(current, "already done: " + journal.outputs(current.id()).getOrDefault("notice", "added"));
                } else {
                    started(current);
                    MigrationNotice.Instance at = MigrationNotice.find(source.host(), Optional.ofNullable(found.facts.container()).filter(c -> !c.isEmpty()),
                            s.composeDir());
                    MigrationNotice.Change added = MigrationNotice.add(at, s.notice().get(), false);
                    String said = added.written() ? "added to " + at.shown() + " (global settings row " + added.newRow()
                            + "): the one write to the instance, as asked" : added.unchanged();
                    finished(current, said, Map.of("notice", said));
                }
            }
            current = Step.WRITE_PAYLOAD;
            started(current);
            CheckKey check = CheckKey.generate();
            long t0 = System.nanoTime();
            StagedPayload written = write(found.facts, read(), check);
            Map<String, String> out = new LinkedHashMap<>();
            out.put("payloadPath", written.path());
            out.put("encryptedBytes", Long.toString(written.encryptedBytes()));
            out.put("plainBytes", Long.toString(written.manifest().members().stream().mapToLong(Manifest.Member::size).sum()));
            out.put("sha256", written.sha256());
            out.put("protection", String.join(", ", s.openedBy()));
            for (Manifest.Member m : written.manifest().members()) out.put("member:" + m.name(), m.size() + " bytes, SHA-256 " + m.sha256());
            double seconds = (System.nanoTime() - t0) / 1e9;
            out.put("seconds", String.format(java.util.Locale.ROOT, "%.1f", seconds));
            finished(current, Units.bytes(written.encryptedBytes()) + " written to " + written.path() + " in "
                    + String.format(java.util.Locale.ROOT, "%.1f s", seconds), out);
            current = Step.CHECK_FILE;
            started(current);
            checkWritten(written, check);
            Created c = new Created(Path.of(written.path()), written.encryptedBytes(), written.sha256(), s.openedBy(), written.manifest(),
                    found.facts.sourceVersion(), written.rowCounts(), found.checks.stream().filter(x -> x.status() != Check.Status.PASS).toList(), shown,
                    s.signer().map(x -> x.fingerprint() + (x.userId().isEmpty() ? "" : " (" + x.userId() + ")")));
            finished(current, written.manifest().members().size() + " members, every part's and member's SHA-256 and the file's own match",
                    Map.of("handover", c.handover(), "signedBy", c.signedBy().orElse("not signed")));
            return c;
        } catch (RuntimeException e) {
            Problem p = cancelled ? Problem.of(Problem.Kind.CANCELLED, "migrate.cancelled", current.title()) : Problem.in(e);
            if (p == null) throw e;
            listener.stepFailed(current, p);
            if (journal != null && journal.step(current.id()).map(x -> x.state == Journal.State.RUNNING).orElse(false)) journal.failed(current.id(), p.oneLine());
            Problem stopped = p.withHostState(source.state() + " " + fileState(current));
            listener.stopped(stopped.hostState());
            throw stopped;
        } finally {
            open.forEach(SshConnection::close);
        }
    }

    /** A step begins: a step that ran before (an earlier, unfinished create) runs again from its start. */
    private void started(Step step) {
        listener.stepStarted(step);
        journalStarted(step);
    }

    private void journalStarted(Step step) {
        if (journal == null) return;
        if (journal.isDone(step.id())) journal.reset(step.id());
        journal.started(step.id());
    }

    private void finished(Step step, String summary, Map<String, String> outputs) {
        if (journal != null) journal.done(step.id(), outputs);
        listener.stepFinished(step, summary);
    }

    /** The report of a create from its journal: the steps, the qualification lines, the file's size, SHA-256 and members. */
    public static Report report(Journal journal) {
        Map<String, String> in = journal.inputs();
        String title = "Payload for Sourcegraph support: " + Path.of(in.getOrDefault("out", "?")).getFileName() + " from " + in.getOrDefault("source", "?");
        Report r = Report.of(title, journal, null, null, null, List.of());
        String verdict = journal.isDone(Step.CHECK_FILE.id()) ? "WRITTEN AND CHECKED"
                : journal.steps().stream().anyMatch(x -> x.state == Journal.State.FAILED) ? "FAILED" : "NOT FINISHED";
        Map<String, String> facts = new LinkedHashMap<>(r.facts());
        Map<String, String> check = journal.outputs(Step.CHECK_FILE.id());
        if (check.containsKey("handover")) facts.put("For the support ticket", check.get("handover"));
        String version = journal.outputs(Step.PREFLIGHT.id()).get("sourceVersion");
        if (version != null) facts.put("Sourcegraph version", version.isEmpty() ? "unknown" : version);
        List<String> warnings = new ArrayList<>(r.warnings());
        for (Report.CheckRow c : r.preflight()) if (!c.status().equals("PASS")) warnings.add(c.name() + ": " + c.detail());
        return new Report(r.title(), r.createdAt(), r.tool(), verdict, facts, r.steps(), r.preflight(), r.verification(), r.checklist(), warnings);
    }

    private String fileState(Step failed) {
        Path f = s.out().toAbsolutePath();
        if (failed == Step.CHECK_FILE) return "This machine: " + f + " was written but did not read back as written; do not send it. Remove it and run the same command again.";
        return "This machine: nothing under " + f + " (an incomplete file is never given that name). Run the same command again: it starts the file over.";
    }

    /** The old host's checks, seed 001's qualification, room for the file; then the snapshot and the configuration, read only. */
    private Found preflight() {
        Preflight pf = new Preflight(listener::check);
        Preflight.Offer offer = source.preflight(pf);
        pf.stopOnFailure();
        Facts facts = Facts.ofSource(offer);
        InstanceConfig config;
        Map<String, Long> encrypted;
        try (InstanceDatabases dbs = source.databases()) {
            var frontend = dbs.sources().stream().filter(x -> x.role().equals("frontend")).findFirst()
                    .orElseThrow(() -> Problem.of(Problem.Kind.PRECONDITION, "preflight.failed", "Databases on the old host"));
            config = InstanceConfig.read(frontend.sql(), frontend.database());
            encrypted = Qualification.encryptedRows(frontend.sql(), frontend.database());
        }
        Path folder = s.out().toAbsolutePath().getParent();
        long usable;
        try {
            usable = Files.getFileStore(folder).getUsableSpace();
        } catch (IOException e) {
            throw Problem.of(Problem.Kind.INPUT, "payload.create.folder", folder).causedBy(e);
        }
        Qualification q = new Qualification(s.managedInstance()).version(offer.version()).postgres(offer.postgres())
                .encryption(config.siteConfig(), encrypted).space(folder.toString(), usable, offer.estimatedBytes());
        q.checks().forEach(pf::add);
        if (!config.encryptedCodeHosts().isEmpty()) {
            pf.add(Check.warn("Code host configurations", "encrypted at rest, so named in " + InstanceConfig.CODE_HOSTS + " without their configuration: "
                    + String.join(", ", config.encryptedCodeHosts()) + ". Add them again on the new instance"));
        }
        pf.stopOnFailure();
        return new Found(facts, pf.checks());
    }

    /** The snapshot and the configuration, as the dumps will see them (after the notice, when one was added). */
    private Read read() {
        InstanceConfig config;
        try (InstanceDatabases dbs = source.databases()) {
            var frontend = dbs.sources().stream().filter(x -> x.role().equals("frontend")).findFirst().orElseThrow();
            config = InstanceConfig.read(frontend.sql(), frontend.database());
        }
        return new Read(config, source.snapshot(FingerprintKey.generate(), listener::log));
    }

    private StagedPayload write(Facts f, Read found, CheckKey check) {
        List<Protection> protections = new ArrayList<>(s.protections());
        protections.add(check.recipient());
        List<PayloadTransfer.Source> dumps = s.configOnly() ? List.of() : source.dumps(f, s.compression());
        Map<String, byte[]> members = new LinkedHashMap<>();
        members.put("snapshot.json", SnapshotFile.bytes(found.snapshot));
        members.putAll(found.config.members());
        PayloadTransfer t = new PayloadTransfer(protections, s.compression(), PayloadWriter.DEFAULT_PART_SIZE).armored(s.armored())
                .signedBy(s.signer().orElse(null))
                .withReadme(readme(f, members.keySet(), dumps))
                .withMeta("kind", source.kind()).withMeta("content", s.configOnly() ? "configuration only" : "databases and configuration").withMeta("sourcegraphVersion", f.sourceVersion());
        members.forEach(t::withMember);
        TransferMeter meter = new TransferMeter(f.estimatedBytes());
        return t.run(source.host(), dumps, new LocalPayloadFile(s.out()), n -> {
            meter.moved(n);
            listener.progress(Step.WRITE_PAYLOAD, meter);
        }, null);
    }

    /** Reads the file back from disk with the run's check key: the same bytes as were written, and every checksum in it. */
    private void checkWritten(StagedPayload written, CheckKey check) {
        Path file = Path.of(written.path());
        TransferMeter meter = new TransferMeter(written.encryptedBytes());
        PayloadInspector.Proof p = PayloadInspector.prove(file, check.unlock(), member -> OutputStream.nullOutputStream(),
                s.signer().map(Signer::publicKeys).orElse(null), verdict -> {
                    // Signed as asked, by that key, and the signature holds.
                    boolean good = verdict instanceof io.sgmigrate.engine.payload.Inbound.Signature.SignedKnown k
                            && k.fingerprint().equals(s.signer().map(Signer::fingerprint).orElse(""));
                    if (s.signer().isPresent() != good) throw Problem.of(Problem.Kind.INPUT, "payload.create.checkFailed", file, written.sha256(), "the signature");
                }, n -> {
                    meter.moved(n);
                    listener.progress(Step.CHECK_FILE, meter);
                });
        if (!p.sha256().equals(written.sha256()) || !p.manifest().members().equals(written.manifest().members())) {
            throw Problem.of(Problem.Kind.INPUT, "payload.create.checkFailed", file, written.sha256(), p.sha256());
        }
    }

    /** The plain note at the top of the archive: what is in it and how to open it with gpg, tar and zstd alone. */
    private String readme(Facts f, java.util.Collection<String> local, List<PayloadTransfer.Source> dumps) {
        String template;
        try (InputStream in = PayloadCreate.class.getResourceAsStream("/io/sgmigrate/engine/payload/README.txt")) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("README.txt is part of the application", e);
        }
        StringBuilder list = new StringBuilder();
        for (String m : local) list.append("  ").append(m).append(describe(m)).append('\n');
        for (PayloadTransfer.Source d : dumps) list.append("  ").append(d.member()).append(describe(d.member())).append('\n');
        String ext = s.compression().partSuffix().isEmpty() ? "" : s.compression().partSuffix().substring(1);
        List<String> unpack = s.compression().decompressCommand();
        return template.replace("{tool}", AppInfo.NAME + " " + AppInfo.version())
                .replace("{created}", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
                .replace("{source}", source.kind() + " on " + source.host().address().display())
                .replace("{version}", f.sourceVersion().isEmpty() ? "version unknown" : f.sourceVersion())
                .replace("part-000001.{ext}", ext.isEmpty() ? "part-000001" : "part-000001." + ext)
                .replace("{partSize}", Integer.toString(PayloadWriter.DEFAULT_PART_SIZE))
                .replace("{packed}", unpack.isEmpty() ? "" : ", each a complete " + ext + " stream of its own")
                .replace("{members}", list.toString())
                .replace("{tool2}", unpack.isEmpty() ? "cat" : unpack.get(0))
                .replace("{unpack}", unpack.isEmpty() ? "" : "| " + String.join(" ", unpack) + " ");
    }

    private static String describe(String member) {
        if (member.equals("snapshot.json")) return "  (what the instance held: counts, fingerprints, versions; for verifying a restore)";
        if (member.startsWith("config/")) return "  (exactly as the instance stores it)";
        if (member.endsWith(SourcegraphVersion.CODEINTEL_DB_NAME + ".sql")) return "  (code intelligence database)";
        if (member.endsWith(SourcegraphVersion.CODEINSIGHTS_DB_NAME + ".sql")) return "  (code insights database)";
        return "  (frontend database)";
    }

    /** Every command the create would send and what it writes here, changing nothing; connects and runs pre-flight. */
    public List<Plan.Line> dryRun() {
        try {
            LocalPayloadFile.checkUsable(s.out());
            source.open(this::connect, DumpSource.Reading.NONE);
            Found found = preflight();
            List<Plan.Line> lines = new ArrayList<>();
            if (s.notice().isPresent()) lines.add(new Plan.Line(Step.NOTICE, "old", "insert into settings (contents) values ('...')",
                    "a new global settings row: the one in use with the migration notice added (the one write to the instance)"));
            if (!s.configOnly()) lines.addAll(source.plan(found.facts, s.compression()));
            Path f = s.out().toAbsolutePath();
            lines.add(new Plan.Line(Step.WRITE_PAYLOAD, "here", "write " + LocalPayloadFile.partial(f) + " (0600), sync, rename to " + f,
                    "with README.txt, snapshot.json and " + String.join(", ", InstanceConfig.SITE_CONFIG, InstanceConfig.GLOBAL_SETTINGS, InstanceConfig.CODE_HOSTS) + "; opens with " + String.join(", ", s.openedBy())));
            lines.add(new Plan.Line(Step.WRITE_PAYLOAD, "here", "write " + LocalPayloadFile.checksumFile(f), "sha256sum -c reads it"));
            lines.add(new Plan.Line(Step.CHECK_FILE, "here", "read " + f + " back", "decrypted in memory with a key made for this run only; every checksum"));
            return lines;
        } finally {
            open.forEach(SshConnection::close);
        }
    }
}
