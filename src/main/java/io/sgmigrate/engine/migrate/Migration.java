package io.sgmigrate.engine.migrate;

import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.job.Jobs;
import io.sgmigrate.engine.journal.Journal;
import io.sgmigrate.engine.payload.Compression;
import io.sgmigrate.engine.payload.PayloadWriter;
import io.sgmigrate.engine.progress.TransferMeter;
import io.sgmigrate.engine.progress.Units;
import io.sgmigrate.engine.prompt.Prompter;
import io.sgmigrate.engine.report.Report;
import io.sgmigrate.engine.shell.RemoteCommand;
import io.sgmigrate.engine.snapshot.FingerprintKey;
import io.sgmigrate.engine.snapshot.Snapshot;
import io.sgmigrate.engine.snapshot.SnapshotFile;
import io.sgmigrate.engine.snapshot.SnapshotTaker;
import io.sgmigrate.engine.ssh.ExecResult;
import io.sgmigrate.engine.ssh.SshAddress;
import io.sgmigrate.engine.ssh.SshConnection;
import io.sgmigrate.engine.ssh.SshConnector;
import io.sgmigrate.engine.transfer.LocalPayloadFile;
import io.sgmigrate.engine.transfer.PayloadTransfer;
import io.sgmigrate.engine.transfer.StagedPayload;
import io.sgmigrate.engine.verify.Checklist;
import io.sgmigrate.engine.verify.Finding;
import io.sgmigrate.engine.verify.VerificationFile;
import io.sgmigrate.engine.verify.Verifier;
import io.sgmigrate.engine.verify.VerifyResult;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * One migration pipeline: dumps from a {@link DumpSource} restored by a Docker Compose deployment ({@link ComposeTarget}),
 * with the steps written once. Every step is recorded in the journal before and after it runs; a resumed run skips what
 * is done (a destructive step that succeeded is never repeated). No step removes a volume: the databases in use are
 * replaced only after a restore into scratch databases beside them, from a payload whose every checksum matched, has
 * succeeded. A journal belongs to its run ({@link RunBinding}): a resume against another source, host, folder or host key
 * is refused before anything runs. A source on a host stages its dumps as a payload on the new host on the way (checked
 * before anything there stops, when the new host holds data); a payload source is read straight into the restore.
 */
public final class Migration {
    /**
     * Core tables up to this size are fingerprinted by the migration's own snapshots; larger ones (event logs) are
     * proven by the dump's checksums and row counts, and fully by a separate {@code sgmigrate verify}.
     */
    static final long MIGRATION_CORE_FINGERPRINT_LIMIT = 256L << 20;
    private final DumpSource source;
    private final TargetSettings s;
    private final PayloadSettings payload;
    private final SiteConfigEdit configure;
    private final Prompter prompter;
    private final MigrationListener listener;
    private final SshConnector connector;
    private final List<SshConnection> open = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean cancelled;
    /** The new host's key as this run first saw it; every later connection to it must present the same. */
    private volatile String targetKey;

    /**
     * @param payload how a payload staged between the ends is protected (a source on a host; null for a payload source)
     * @param configure what the restored site configuration gets before it is swapped in (null: left as restored)
     */
    Migration(DumpSource source, TargetSettings target, PayloadSettings payload, SiteConfigEdit configure, Prompter prompter, MigrationListener listener) {
        if ((source instanceof DumpSource.OnHost) != (payload != null)) throw new IllegalArgumentException("a source on a host stages a payload, a payload source does not");
        this.source = source;
        this.s = target;
        this.payload = payload;
        this.configure = configure;
        this.prompter = prompter;
        this.listener = listener;
        this.connector = new SshConnector(prompter);
    }

    /**
     * Stops a running migration at once: its connections are closed, so whatever step runs fails and is recorded
     * as not done; the run can be resumed later. Safe to call from any thread, at any time.
     */
    public void cancel() {
        cancelled = true;
        open.forEach(SshConnection::close);
    }

    /** A connection of this run: cancel closes it; one to the new host must show the key this run first saw there. */
    SshConnection connect(SshAddress address) {
        if (cancelled) throw Problem.of(Problem.Kind.CANCELLED, "job.cancelled");
        SshConnection c = connector.connect(address, s.ssh());
        open.add(c);
        if (cancelled) c.close();
        if (address.equals(s.target())) sameTarget(c);
        return c;
    }

    /** Before anything changes the new host: it is still the host this run (and its journal) connected to first. */
    private void sameTarget(SshConnection c) {
        String bound = targetKey;
        if (bound != null && !bound.equals(c.hostKeyFingerprint())) {
            c.close();
            throw Problem.of(Problem.Kind.HOST_KEY, "migrate.target.keyChanged", c.address().display(), c.hostKeyFingerprint(), bound);
        }
    }

    /** The journal is this run's, or it is refused (names every difference); a new run records what it is bound to. */
    private void bind(Journal journal, Map<String, String> sourceBinding, SshConnection target) {
        Map<String, String> now = new LinkedHashMap<>(sourceBinding);
        now.putAll(RunBinding.target(s, target));
        Map<String, String> then = RunBinding.recorded(journal);
        if (!then.isEmpty()) {
            String canonicalThen = journal.outputs(Step.PREFLIGHT.id()).get("composeDir");
            String canonicalNow = canonicalThen == null ? null
                    : target.run(Preflight.canonicalDirCommand(s.composeDir())).stdout().strip();
            List<String> differ = RunBinding.differences(then, now, canonicalThen, canonicalNow);
            if (!differ.isEmpty()) throw RunBinding.refused(journal, differ);
        }
        if (!journal.isDone(Step.CONNECT.id()) || !then.containsKey(RunBinding.TARGET_KEY)) journal.done(Step.CONNECT.id(), now);
        targetKey = journal.outputs(Step.CONNECT.id()).get(RunBinding.TARGET_KEY);
    }

    /** The steps of this run, in order ({@code f} may be null for a payload source: its order is known once it is open). */
    private List<Step> order(Facts f) {
        return source instanceof DumpSource.OnHost ? Step.order(f.restoreWhileStreaming()) : Step.loadOrder(configure() != null);
    }

    /** Progress of opening the source, shown as {@code step}'s: a payload file is read whole before anything else happens. */
    private DumpSource.Reading opening(Step step) {
        TransferMeter[] meter = new TransferMeter[1];
        return (done, total) -> {
            if (meter[0] == null) {
                meter[0] = new TransferMeter(total);
                listener.log("reading all of the payload file first (decrypted in memory; its integrity, signature and every dump checked before the new host is touched)");
            }
            meter[0].moved(done);
            listener.progress(step, meter[0]);
        };
    }

    /** Runs (or resumes, when the journal holds finished steps) the migration; returns the verification result. */
    public Verification run(Journal journal) {
        Step current = Step.CONNECT;
        try {
            listener.stepStarted(Step.CONNECT);
            Map<String, String> bound = source.open(this::connect, opening(Step.CONNECT));
            if (source instanceof DumpSource.Payload) listener.planned(order(null));
            try (SshConnection target = connect(s.target())) {
                bind(journal, bound, target);
                listener.stepFinished(Step.CONNECT, describe(target));
                current = Step.PREFLIGHT;
                Facts recorded = step(journal, Step.PREFLIGHT, () -> preflightAndSnapshot(target), Facts::fromMap, "resumed with the facts recorded before");
                Facts facts = recorded.orComposeDir(RunBinding.normal(s.composeDir()));
                // An unattended run that could never pass the confirmation stops now, before a single byte moves.
                if (!journal.isDone(Step.CONFIRM.id())) refuseUnattended(facts.targetFresh());
                if (source instanceof DumpSource.OnHost h) h.host().useSudoForDocker(facts.sourceSudo());
                target.useSudoForDocker(facts.targetSudo());
                List<Step> order = order(facts);
                listener.planned(order);
                Run run = new Run(new ComposeTarget(s, target, facts), facts, journal);
                for (Step st : order.subList(order.indexOf(Step.PREFLIGHT) + 1, order.size())) {
                    current = st;
                    run.perform(st);
                }
                return run.verification;
            }
        } catch (RuntimeException e) {
            Problem p = cancelled ? Problem.of(Problem.Kind.CANCELLED, "migrate.cancelled", current.title()) : Problem.in(e);
            if (p == null) throw e;
            if (current != Step.CONNECT && !journal.isDone(current.id()) && journal.step(current.id()).map(x -> x.state != Journal.State.FAILED).orElse(true)) {
                journal.failed(current.id(), p.oneLine());
                listener.stepFailed(current, p);
            }
            Problem stopped = p.withHostState(stateAfter(current, journal));
            listener.stopped(stopped.hostState());
            throw stopped;
        } finally {
            open.forEach(SshConnection::close);
        }
    }

    private String describe(SshConnection target) {
        String t = target.address().display() + " (" + target.hostKeyFingerprint() + ")";
        return source instanceof DumpSource.OnHost h ? h.host().address().display() + " (" + h.host().hostKeyFingerprint() + "), " + t : t;
    }

    /** One run's connections and what its steps pass on to each other. */
    private final class Run {
        final ComposeTarget target;
        final Facts facts;
        final Journal journal;
        StagedPayload staged;
        Verification verification;

        Run(ComposeTarget target, Facts facts, Journal journal) {
            this.target = target;
            this.facts = facts;
            this.journal = journal;
        }

        void perform(Step st) {
            if (st.changesTarget()) sameTarget(target.host());
            switch (st) {
                case CONNECT, PREFLIGHT -> throw new IllegalStateException(st + " runs before the others");
                case CONNECT_SOURCE, NOTICE, WRITE_PAYLOAD, CHECK_FILE -> throw new IllegalStateException(st + " is a payload create's");
                case TRANSFER -> {
                    step(journal, st, () -> transfer(this), m -> m, null);
                    // Just sent and checked on both ends by this run: no second sha256sum. Otherwise (a resume) it is checked again.
                    if (staged == null) staged = checkStaged(this);
                }
                case CHECK_PAYLOAD -> {
                    // Before anything on the new host is stopped, and again on a resume that has not stopped it yet (another passphrase?).
                    if (journal.isDone(Step.STOP_TARGET.id())) listener.stepSkipped(st, "the deployment is already stopped; the restore checks every byte again");
                    else again(journal, st, () -> scratch().check(target.host(), facts, staged));
                }
                case CONFIRM -> step(journal, st, () -> confirm(target, facts), m -> m, "confirmed before");
                case STOP_TARGET -> step(journal, st, target::stopApplications, m -> m, "already done");
                case START_DATABASES -> step(journal, st, target::startDatabases, m -> m, "already done");
                case RESTORE -> step(journal, st, () -> restore(this), m -> m, "already done");
                case CONFIGURE -> step(journal, st, () -> configure().apply(target.host(), listener::log), m -> m, "already done");
                case SWAP -> step(journal, st, target::swap, m -> m, "already done");
                case START_DEPLOYMENT -> step(journal, st, target::startDeployment, m -> m, "already done");
                case VERIFY -> verification = journal.isDone(st.id()) ? verified(journal) : verify(target, journal, facts);
                case CLEANUP -> step(journal, st, () -> {
                    if (facts.stagedHere()) removeKept(Path.of(facts.payloadPath()));
                    else target.host().runChecked(RemoteCommand.of("rm", "-f", "--", facts.payloadPath(), facts.payloadPath() + ".partial"));
                    return Map.of();
                }, m -> m, null);
            }
        }
    }

    /** The site configuration edit of this run: the payload's own site configuration file first, then what was asked for. */
    private SiteConfigEdit configure() {
        java.util.Optional<SiteConfigEdit> brought = source instanceof DumpSource.Payload p ? p.siteConfig() : java.util.Optional.empty();
        return brought.map(b -> b.after(configure)).orElse(configure);
    }

    /** Into the scratch databases: already done while the payload streamed in, or from the staged payload, or from the payload source. */
    private Map<String, String> restore(Run run) {
        Facts f = run.facts;
        if (source instanceof DumpSource.Payload p) {
            run.target.waitDatabases();
            ScratchRestore.prepare(run.target.host(), f);
            TransferMeter meter = new TransferMeter(f.estimatedBytes());
            try (SshConnection restorer = connect(s.target())) {
                restorer.useSudoForDocker(f.targetSudo());
                ScratchRestore scratch = scratch();
                Map<String, String> out = new LinkedHashMap<>(p.read(f, (member, what) -> scratch.plainSink(restorer, member, f, what), n -> {
                    meter.moved(n);
                    listener.progress(Step.RESTORE, meter);
                }));
                out.putAll(dataVersionMatches(run.target.host(), f));
                return out;
            }
        }
        if (f.restoreWhileStreaming()) return ScratchRestore.restoredWhileStreaming(run.journal.outputs(Step.TRANSFER.id()));
        run.target.waitDatabases();
        return scratch().fromStaged(run.target.host(), f, run.staged);
    }

    /**
     * A source that could not tell its instance's version before the restore (a dump without a snapshot) is checked now,
     * in the restored scratch database, before anything is swapped in: data moves only between equal versions.
     */
    private static Map<String, String> dataVersionMatches(SshConnection target, Facts f) {
        if (!f.sourceVersion().isEmpty()) return Map.of();
        String restored = Facts.FRONTEND.postgres().query(target, ScratchRestore.SCRATCH_DB,
                "select coalesce((" + io.sgmigrate.engine.sourcegraph.SourcegraphVersion.RECORDED_VERSION_SQL + "), '')").strip();
        if (restored.isEmpty()) throw Problem.of(Problem.Kind.PRECONDITION, "load.version.unknown", f.targetVersion());
        var data = io.sgmigrate.engine.sourcegraph.SourcegraphVersion.parse(restored);
        if (data.isEmpty() || !data.get().toString().equals(f.targetVersion())) {
            var runs = io.sgmigrate.engine.sourcegraph.SourcegraphVersion.parse(f.targetVersion());
            String way = data.isPresent() && runs.isPresent() && runs.get().compareTo(data.get()) > 0
                    ? io.sgmigrate.engine.upgrade.UpgradePlanner.wayUp("the customer's instance", data.get(), runs.get()) : "";
            throw Problem.of(Problem.Kind.PRECONDITION, "load.version.mismatch", restored, f.targetVersion(), way);
        }
        return Map.of("dataVersion", restored);
    }

    /** A verification an earlier run finished: its result as recorded (a run that failed afterwards, in cleanup, is resumed). */
    private Verification verified(Journal journal) {
        Map<String, String> out = journal.outputs(Step.VERIFY.id());
        listener.stepSkipped(Step.VERIFY, "passed in an earlier run");
        return new Verification(Integer.parseInt(out.getOrDefault("tables", "0")), Long.parseLong(out.getOrDefault("rows", "0")), List.of());
    }

    private Verification verify(ComposeTarget target, Journal journal, Facts facts) {
        Map<String, Map<String, Long>> expected = counts(journal);
        Map<String, Map<String, Long>> actual = target.rowCounts();
        Verification v = Verification.compare(expected, actual);
        listener.stepStarted(Step.VERIFY);
        journal.started(Step.VERIFY.id());
        if (!v.passed()) {
            Problem p = Problem.of(Problem.Kind.PRECONDITION, "verify.failed", v.differences().size(), String.join("; ", v.differences()));
            journal.failed(Step.VERIFY.id(), p.oneLine());
            listener.stepFailed(Step.VERIFY, p);
            throw p;
        }
        SiteConfigEdit configure = configure();
        if (configure != null && configure.externalUrl().isPresent()) {
            String now = SiteConfigEdit.externalUrlOf(target.host());
            if (!configure.externalUrl().get().equals(now)) {
                Problem p = Problem.of(Problem.Kind.PRECONDITION, "load.externalUrl.notSet", configure.externalUrl().get(), now);
                journal.failed(Step.VERIFY.id(), p.oneLine());
                listener.stepFailed(Step.VERIFY, p);
                throw p;
            }
        }
        // Then everything else the snapshots compare: contents, sequences, schema versions, site config, code hosts.
        Map<String, String> out = new LinkedHashMap<>(Map.of("tables", Integer.toString(v.tables()), "rows", Long.toString(v.rows())));
        String baselineFile = journal.outputs(Step.PREFLIGHT.id()).get("snapshot");
        VerifyResult r;
        if (baselineFile != null) {
            // Both snapshots fingerprint with the run's own key, kept owner-only beside the baseline (never plain digests of secrets).
            SnapshotFile.Baseline b = SnapshotFile.readBaseline(Path.of(baselineFile));
            Snapshot baseline = MigrationBaseline.withDumpCounts(b.snapshot(), expected);
            Snapshot after = new SnapshotTaker(listener::log, MIGRATION_CORE_FINGERPRINT_LIMIT, b.key()).take(target.host(), null, facts.composeDir(), false);
            Path afterFile = sibling("target-snapshot.json");
            SnapshotFile.write(afterFile, after, b.key());
            r = withSummary(new Verifier().compare(configure == null ? baseline : configure.expected(baseline, b.key()), after), after);
            out.put("baseline", baselineFile);
            out.put("snapshot", afterFile.toString());
        } else {
            // No snapshot came with the payload: the proof is the dumps' own row counts, the site configuration's externalURL
            // and, when the customer sent one, their src snapshot summary.
            List<Finding> found = new java.util.ArrayList<>();
            expected.forEach((db, tables) -> tables.forEach((table, n) -> found.add(Finding.pass("rows", db + " " + table,
                    "rows as in the payload's dump", Long.toString(n), Long.toString(actual.getOrDefault(db, Map.of()).getOrDefault(table, -1L))))));
            if (configure != null && configure.externalUrl().isPresent()) {
                found.add(Finding.pass("site config", "externalURL", "set as asked", configure.externalUrl().get(), configure.externalUrl().get()));
            }
            r = new VerifyResult(List.copyOf(found));
            if (summary().isPresent()) {
                r = withSummary(r, new SnapshotTaker(listener::log, MIGRATION_CORE_FINGERPRINT_LIMIT, FingerprintKey.generate())
                        .take(target.host(), null, facts.composeDir(), false));
            }
        }
        if (source instanceof DumpSource.Payload) r = withDeployment(r, target, journal);
        journal.saveChecklist(Checklist.build(r, journal.checklist(), source instanceof DumpSource.Payload ? Checklist.LOAD : Checklist.MANUAL));
        try {
            // The first look at the instance coming to life; later ones are sgmigrate checklist --check and the wizard's "Check again".
            LiveChecklist.refresh(journal, target.host());
        } catch (RuntimeException e) {
            listener.log("the checklist's first look at the new instance could not be taken: " + Problem.in(e).oneLine());
        }
        Path findings = sibling("verification.json");
        VerificationFile.write(findings, r);
        out.put("verification", findings.toString());
        out.put("findings", r.count(Finding.Status.PASS) + " equal, " + r.count(Finding.Status.EXPECTED) + " expected, "
                + r.count(Finding.Status.WARN) + " to look at, " + r.count(Finding.Status.FAIL) + " failed");
        for (Finding f : r.findings()) if (f.status() != Finding.Status.PASS) listener.log(f.line());
        if (!r.passed()) {
            Problem p = Problem.of(Problem.Kind.PRECONDITION, "verify.differs", r.failures().size(), r.failures().get(0).line());
            journal.failed(Step.VERIFY.id(), p.oneLine());
            listener.stepFailed(Step.VERIFY, p);
            throw p;
        }
        journal.done(Step.VERIFY.id(), out);
        listener.stepFinished(Step.VERIFY, v.tables() + " tables, " + v.rows() + " rows, all equal" + (out.containsKey("findings") ? "; " + out.get("findings") : ""));
        return v;
    }

    private java.util.Optional<io.sgmigrate.engine.verify.SrcSummary> summary() {
        return source instanceof DumpSource.Payload p ? p.summary() : java.util.Optional.empty();
    }

    /** The findings, and what seed 002 has a person look at after the start: the containers and the frontend's log. */
    private static VerifyResult withDeployment(VerifyResult r, ComposeTarget target, Journal journal) {
        List<Finding> all = new java.util.ArrayList<>(r.findings());
        all.addAll(DeploymentChecks.containers(target.deploymentContainers()));
        String started = journal.step(Step.START_DEPLOYMENT.id()).map(st -> st.startedAt).filter(t -> t != null && t.length() >= 19)
                .map(t -> t.substring(0, 19) + "Z").orElse("10m");
        var log = target.frontendLog(started);
        all.add(DeploymentChecks.frontendLog(log.ok(), log.stdout() + "\n" + log.stderr(), started));
        return new VerifyResult(List.copyOf(all));
    }

    /** The findings, and the checks against the payload's src snapshot summary when it has one. */
    private VerifyResult withSummary(VerifyResult r, Snapshot after) {
        if (summary().isEmpty()) return r;
        List<Finding> all = new java.util.ArrayList<>(r.findings());
        all.addAll(summary().get().check(after));
        return new VerifyResult(List.copyOf(all));
    }

    /** Connects, runs the read-only pre-flight and returns every command the run would send, changing nothing. */
    public Plan dryRun() {
        try {
            source.open(this::connect, opening(Step.CONNECT));
            try (SshConnection target = connect(s.target())) {
                Preflight pf = new Preflight(listener::check);
                Facts f = preflight(pf, target, source.preflight(pf));
                List<Plan.Line> from = source instanceof DumpSource.OnHost h ? h.plan(f, payload.compression()) : ((DumpSource.Payload) source).plan(f);
                return Plan.of(s, restoreCompression(), f, pf.checks(), from, order(f), configure());
            }
        } finally {
            open.forEach(SshConnection::close);
        }
    }

    /** The pre-flight facts and checks, and the instance's snapshot beside the journal (the baseline of the verification), when the source has one. */
    private Map<String, String> preflightAndSnapshot(SshConnection target) {
        Preflight pf = new Preflight(listener::check);
        Preflight.Offer offer = source.preflight(pf);
        FingerprintKey key = FingerprintKey.generate();
        // The old instance's snapshot is read on its host while the new host's checks run: two hosts, two connections.
        CompletableFuture<Snapshot> snapshot = CompletableFuture.supplyAsync(() -> source.snapshot(key, listener::log), Jobs.thread("sgmigrate-snapshot"));
        Facts f;
        try {
            f = preflight(pf, target, offer);
        } catch (RuntimeException e) {
            try {
                snapshot.join();
            } catch (RuntimeException ignored) {
                // pre-flight's own failure is the one to tell; the snapshot only must not outlive it
            }
            throw e;
        }
        Map<String, String> out = new LinkedHashMap<>(f.toMap());
        for (Check c : pf.checks()) out.put("check:" + c.name(), c.status() + " " + c.detail());
        Snapshot before = Jobs.join(snapshot);
        if (before != null) {
            Path file = sibling("source-snapshot.json");
            SnapshotFile.write(file, before, key);
            out.put("snapshot", file.toString());
        }
        out.putAll(offer.recorded());
        return out;
    }

    /** The report of a run from what its journal and the files beside it recorded (any step may be missing). */
    public static Report report(Journal journal) {
        Map<String, String> pre = journal.outputs(Step.PREFLIGHT.id());
        Map<String, String> ver = journal.outputs(Step.VERIFY.id());
        Snapshot before = pre.containsKey("snapshot") && Files.exists(Path.of(pre.get("snapshot"))) ? SnapshotFile.read(Path.of(pre.get("snapshot"))) : null;
        Snapshot after = ver.containsKey("snapshot") && Files.exists(Path.of(ver.get("snapshot"))) ? SnapshotFile.read(Path.of(ver.get("snapshot"))) : null;
        VerifyResult r = ver.containsKey("verification") && Files.exists(Path.of(ver.get("verification")))
                ? VerificationFile.read(Path.of(ver.get("verification"))) : null;
        String title = journal.inputs().containsKey("payload")
                ? "Payload " + Path.of(journal.inputs().get("payload")).getFileName() + " loaded into Docker Compose: " + journal.inputs().getOrDefault("target", "?")
                : "Migration to Docker Compose: " + journal.inputs().getOrDefault("target", "?");
        return Report.of(title, journal, before, after, r, journal.checklist());
    }

    /** A file beside the journal: {@code run.json} -> {@code run.NAME}. */
    private Path sibling(String name) {
        Path j = s.journal().toAbsolutePath();
        return j.resolveSibling(j.getFileName().toString().replaceAll("\\.json$", "") + "." + name);
    }

    private Facts preflight(Preflight pf, SshConnection target, Preflight.Offer offer) {
        try {
            return pf.target(target, s, restoreCompression(), offer);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** One step: skipped when the journal says it is done; otherwise started, run, and recorded. */
    private <T> T step(Journal journal, Step step, StepBody body, java.util.function.Function<Map<String, String>, T> fromOutputs, String skipWhy) {
        if (cancelled) throw Problem.of(Problem.Kind.CANCELLED, "job.cancelled");
        if (journal.isDone(step.id())) {
            listener.stepSkipped(step, skipWhy == null ? "done in an earlier run" : skipWhy);
            return fromOutputs.apply(journal.outputs(step.id()));
        }
        listener.stepStarted(step);
        journal.started(step.id());
        long t0 = System.nanoTime();
        Map<String, String> out = new LinkedHashMap<>(body.run());
        out.put("seconds", String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9));
        journal.done(step.id(), out);
        listener.stepFinished(step, summary(step, out));
        return fromOutputs.apply(journal.outputs(step.id()));
    }

    @FunctionalInterface
    private interface StepBody {
        Map<String, String> run();
    }

    private static String summary(Step step, Map<String, String> out) {
        return switch (step) {
            case TRANSFER -> Units.bytes(Long.parseLong(out.get("encryptedBytes"))) + ("here".equals(out.get("kept")) ? " kept here at " : " staged at ") + out.get("payloadPath")
                    + ", SHA-256 " + out.get("sha256").substring(0, 16) + "\u2026 checked" + ("here".equals(out.get("kept")) ? "" : " on both ends")
                    + (out.keySet().stream().anyMatch(k -> k.startsWith("restored:")) ? "; restored into the scratch databases on the way" : "")
                    + " (" + out.get("seconds") + " s)";
            case PREFLIGHT -> "all checks passed";
            case RESTORE -> "transfer".equals(out.get("during")) ? "restored while the dump streamed in" : "done in " + out.get("seconds") + " s";
            default -> "done in " + out.get("seconds") + " s";
        };
    }

    private Map<String, String> transfer(Run run) {
        DumpSource.OnHost from = (DumpSource.OnHost) source;
        SshConnection target = run.target.host();
        Facts f = run.facts;
        Map<String, String> out = new LinkedHashMap<>();
        if (!f.stagedHere()) makeStagingDir(target, f);
        List<PayloadTransfer.Source> members = from.dumps(f, payload.compression());
        TransferMeter meter = new TransferMeter(f.estimatedBytes());
        PayloadTransfer transfer = new PayloadTransfer(payload.protections(), payload.compression(), PayloadWriter.DEFAULT_PART_SIZE);
        String snapshot = run.journal.outputs(Step.PREFLIGHT.id()).get("snapshot");
        if (snapshot != null) transfer.withMember("snapshot.json", SnapshotFile.bytes(SnapshotFile.read(Path.of(snapshot))));
        java.util.function.LongConsumer progress = n -> {
            meter.moved(n);
            listener.progress(Step.TRANSFER, meter);
        };
        StagedPayload staged;
        if (f.restoreWhileStreaming()) {
            ScratchRestore.prepare(target, f);
            // psql gets its own connection, so the upload and the restore never wait on one SSH session.
            try (SshConnection restorer = connect(s.target())) {
                restorer.useSudoForDocker(f.targetSudo());
                ScratchRestore scratch = scratch();
                java.util.function.Function<String, io.sgmigrate.engine.payload.PayloadWriter.Copy> restore = member -> scratch.sink(restorer, member, f);
                staged = f.stagedHere() ? transfer.run(from.host(), members, LocalPayloadFile.ofRun(Path.of(f.payloadPath())), progress, restore)
                        : transfer.run(from.host(), members, target, f.payloadPath(), progress, restore);
            }
            for (var m : staged.manifest().members()) if (m.name().startsWith("dumps/")) out.put("restored:" + m.name(), m.size() + " " + m.sha256());
            out.put("restoreStream", f.packedRestore(payload.compression()) ? payload.compression().name().toLowerCase(java.util.Locale.ROOT) : "plain");
        } else {
            staged = transfer.run(from.host(), members, target, f.payloadPath(), progress);
        }
        out.put("dumpStream", f.packedDump(payload.compression()) ? "zstd" : "plain");
        run.staged = staged;
        out.put("payloadPath", staged.path());
        out.put("kept", f.stagedHere() ? "here" : "new host");
        out.put("encryptedBytes", Long.toString(staged.encryptedBytes()));
        out.put("sha256", staged.sha256());
        out.put("plainBytes", Long.toString(meter.bytes()));
        out.put("protection", payload.description());
        for (var m : staged.manifest().members()) out.put("member:" + m.name(), m.size() + " " + m.sha256());
        // Rows per table as counted in the dump itself (its own snapshot): what the restore must reproduce.
        for (String db : f.databases()) {
            staged.rowCounts().getOrDefault(Facts.member(db), Map.of()).forEach((t, n) -> out.put("count:" + db + ":" + t, Long.toString(n)));
        }
        return out;
    }

    private static void removeKept(Path payload) {
        try {
            LocalPayloadFile.remove(payload);
        } catch (java.io.IOException e) {
            throw Problem.of(Problem.Kind.INPUT, "migrate.kept.remove", payload, String.valueOf(e.getMessage())).causedBy(e);
        }
    }

    /** The mkdir of the staging folder: private, the login's own, not a symlink (a folder someone else made first is refused). */
    static RemoteCommand stagingDirCommand(String dir) {
        return RemoteCommand.of("sh", "-c", "umask 077 && mkdir -p -- \"$1\" && [ -O \"$1\" ] && [ ! -L \"$1\" ] && chmod 700 -- \"$1\"",
                "sgmigrate-mkdir", dir);
    }

    private static void makeStagingDir(SshConnection target, Facts f) {
        ExecResult r = target.run(stagingDirCommand(f.stagingDir()));
        if (!r.ok()) throw Problem.of(Problem.Kind.PRECONDITION, "migrate.staging.unsafe", f.stagingDir(), target.address().display()).withDetail(r.stderr().strip());
    }

    /**
     * The staged payload is trusted only if its SHA-256 on the new host still equals the one recorded when it was sent.
     * One that changed (damaged, or cut short on disk) is never used: before the restore it is sent again; after it, it is not needed.
     */
    private StagedPayload checkStaged(Run run) {
        Journal journal = run.journal;
        Map<String, String> t = journal.outputs(Step.TRANSFER.id());
        String now;
        if (run.facts.stagedHere()) {
            now = LocalPayloadFile.sha256(Path.of(t.get("payloadPath")));
        } else {
            ExecResult r = run.target.host().run(PayloadTransfer.checksumCommand(t.get("payloadPath")));
            now = r.ok() ? r.stdout().strip().split("\\s+")[0] : "";
        }
        if (now.equals(t.get("sha256"))) return new StagedPayload(t.get("payloadPath"), Long.parseLong(t.get("encryptedBytes")), now, null, Map.of());
        if (journal.isDone(Step.RESTORE.id())) return new StagedPayload(t.get("payloadPath"), 0, t.get("sha256"), null, Map.of());
        if (run.facts.restoreWhileStreaming() && !journal.isDone(Step.START_DATABASES.id())) {
            throw Problem.of(Problem.Kind.PRECONDITION, "migrate.staged.changed", t.get("payloadPath"), run.target.host().address().display());
        }
        listener.log("the staged payload " + t.get("payloadPath") + " no longer matches the SHA-256 recorded when it was sent"
                + (now.isEmpty() ? " (it is missing)" : " (" + now.substring(0, Math.min(16, now.length())) + "\u2026 now)") + "; it is not used and is sent again");
        journal.reset(Step.TRANSFER.id());
        step(journal, Step.TRANSFER, () -> transfer(run), m -> m, null);
        return run.staged;
    }

    /**
     * The typed confirmation, from what the new host holds now: each database that will be replaced (with its size and
     * data) and each volume (all kept). An unattended run confirms a fresh target with --yes, any other only with
     * --confirm-host and the name a person would have typed.
     */
    private Map<String, String> confirm(ComposeTarget target, Facts f) {
        String host = s.target().host();
        TargetInventory now = target.inventory();
        boolean fresh = f.targetFresh() && now.fresh();
        if (f.targetFresh() && !fresh) throw Problem.of(Problem.Kind.PRECONDITION, "migrate.confirm.gainedData", host, String.join("; ", now.lines()));
        refuseUnattended(fresh);
        if (s.confirmHost().isPresent()) return Map.of("confirmedBy", "--confirm-host " + host, "replaced", String.join("; ", replaced(now, f)));
        if (s.yes()) return Map.of("confirmedBy", "--yes (fresh target)");
        String what = (fresh ? "" : "WARNING: the new host holds data. ")
                + "This stops the application services of the deployment in " + f.composeDir() + " on " + host
                + " (its databases and volumes stay), restores " + (source instanceof DumpSource.Payload ? "the payload" : "the old instance's data")
                + " into scratch databases beside them, and only then replaces:\n  "
                + String.join("\n  ", replaced(now, f));
        Boolean ok;
        try {
            ok = prompter.typedConfirmation(what, host).join();
        } catch (CompletionException e) {
            ok = false;
        }
        if (!Boolean.TRUE.equals(ok)) throw Problem.of(Problem.Kind.CANCELLED, "migrate.confirm.declined", host);
        return Map.of("confirmedBy", "typed host name", "replaced", String.join("; ", replaced(now, f)));
    }

    /** An unattended confirmation that can never pass: --confirm-host naming another host, or --yes alone onto a target with data. */
    private void refuseUnattended(boolean fresh) {
        String host = s.target().host();
        if (s.confirmHost().isPresent() && !s.confirmHost().get().equals(host)) throw Problem.of(Problem.Kind.INPUT, "migrate.confirm.wrongHost", s.confirmHost().get(), host);
        if (s.yes() && s.confirmHost().isEmpty() && !fresh) throw Problem.of(Problem.Kind.PRECONDITION, "migrate.confirm.dataUnattended", host);
    }

    /** The confirmation's list: the databases the migration replaces, then what it keeps. */
    private static List<String> replaced(TargetInventory now, Facts f) {
        List<Facts.Target> moving = f.databases().stream().map(Facts::target).toList();
        List<String> out = new ArrayList<>();
        for (TargetInventory.Db d : now.databases()) {
            if (moving.contains(d.target())) out.add("REPLACED: database " + d.describe());
        }
        for (TargetInventory.Db d : now.databases()) {
            if (!moving.contains(d.target()) && d.present()) out.add("kept: database " + d.describe());
        }
        for (TargetInventory.Volume v : now.volumes()) out.add("kept: volume " + v.name() + " (" + v.size() + ")");
        return out;
    }

    /**
     * How the dumps cross to psql on the new host when it has the tool to unpack them: as the payload's own parts for a
     * run that makes one; from a payload file here, packed on the way (zstd frames), as the plain dumps are several
     * times the bytes.
     */
    private Compression restoreCompression() {
        return payload != null ? payload.compression() : Compression.ZSTD;
    }

    private ScratchRestore scratch() {
        return new ScratchRestore(s.target(), restoreCompression(),
                payload == null ? null : payload.protection().secret(), listener, this::connect);
    }

    /** The dumps' own row counts (what the restore must reproduce), as the transfer or the payload source recorded them. */
    private static Map<String, Map<String, Long>> counts(Journal journal) {
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        for (Step st : List.of(Step.TRANSFER, Step.PREFLIGHT)) collect(journal.outputs(st.id()), "count:", out, (was, n) -> n);
        // Rows a step added on purpose (the configure step's new site configuration row).
        collect(journal.outputs(Step.CONFIGURE.id()), "added:", out, Long::sum);
        return out;
    }

    /** Outputs {@code PREFIX DB:TABLE = rows} into {@code out}, per database, per table; {@code merge} for a table already there. */
    private static void collect(Map<String, String> outputs, String prefix, Map<String, Map<String, Long>> out,
                                java.util.function.BinaryOperator<Long> merge) {
        outputs.forEach((k, v) -> {
            if (!k.startsWith(prefix)) return;
            String rest = k.substring(prefix.length());
            int colon = rest.indexOf(':');
            out.computeIfAbsent(rest.substring(0, colon), x -> new java.util.TreeMap<>()).merge(rest.substring(colon + 1), Long.parseLong(v), merge);
        });
    }

    /** What each host is left with when a step fails: the admin's first question. */
    private String stateAfter(Step failed, Journal journal) {
        boolean stopped = journal.isDone(Step.STOP_TARGET.id()) || failed == Step.STOP_TARGET;
        boolean swapped = journal.isDone(Step.SWAP.id());
        boolean staging = source instanceof DumpSource.OnHost;
        boolean here = Boolean.parseBoolean(journal.outputs(Step.PREFLIGHT.id()).getOrDefault("stagedHere", "false"));
        String kept = !staging ? "" : here ? " The payload kept on this machine, beside the journal, stays." : " The staged payload is kept.";
        String partial = here ? " an incomplete payload may remain under a .partial name beside the journal on this machine." : " an incomplete payload may remain under a .partial name in the staging folder.";
        String restart = " Its databases and every volume are in place; to run the old deployment again meanwhile: docker-compose up -d in the compose folder.";
        String neu = switch (failed) {
            case CONNECT, CONNECT_SOURCE, NOTICE, WRITE_PAYLOAD, CHECK_FILE, PREFLIGHT, CONFIRM, CHECK_PAYLOAD -> "New host: unchanged" + (stopped ? " since its application services were stopped." + restart : ".")
                    + (failed == Step.CHECK_PAYLOAD || failed == Step.CONFIRM ? kept : "");
            case TRANSFER -> stopped
                    ? "New host: its application services are stopped; its databases still hold what they held (the restore went into scratch databases beside them);" + partial + restart + " Run again with --resume."
                    : "New host: deployment untouched;" + partial + " Run again with --resume.";
            case STOP_TARGET, START_DATABASES -> "New host: some application services may be stopped; its databases hold what they held." + restart
                    + kept + " Run again with --resume.";
            case RESTORE, CONFIGURE -> "New host: application services stopped; the restore went into scratch databases, the databases in use hold what they held."
                    + restart + kept + " Run again with --resume.";
            case SWAP -> "New host: some databases may already be replaced by the restored copy, the others hold what they held." + kept
                    + " Run again with --resume to finish the swap.";
            case START_DEPLOYMENT, VERIFY, CLEANUP -> "New host: the restored data is in place" + (swapped ? "" : " (swap recorded)") + "." + kept
                    + " Run again with --resume to finish.";
        };
        return source.state() + " " + neu;
    }

    /** A step that runs again in every run that reaches it: what an earlier run recorded is forgotten first. */
    private void again(Journal journal, Step step, StepBody body) {
        if (journal.isDone(step.id())) journal.reset(step.id());
        step(journal, step, body, m -> m, null);
    }
}
