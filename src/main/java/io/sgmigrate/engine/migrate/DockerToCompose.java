package io.sgmigrate.engine.migrate;

import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.docker.Container;
import io.sgmigrate.engine.docker.DockerCli;
import io.sgmigrate.engine.job.Poll;
import io.sgmigrate.engine.journal.Journal;
import io.sgmigrate.engine.payload.Compression;
import io.sgmigrate.engine.payload.PayloadWriter;
import io.sgmigrate.engine.progress.TransferMeter;
import io.sgmigrate.engine.progress.Units;
import io.sgmigrate.engine.prompt.Prompter;
import io.sgmigrate.engine.shell.RemoteCommand;
import io.sgmigrate.engine.ssh.ExecResult;
import io.sgmigrate.engine.ssh.SshConnection;
import io.sgmigrate.engine.ssh.SshConnector;
import io.sgmigrate.engine.transfer.PayloadTransfer;
import io.sgmigrate.engine.transfer.StagedPayload;
import io.sgmigrate.engine.snapshot.Snapshot;
import io.sgmigrate.engine.snapshot.SnapshotFile;
import io.sgmigrate.engine.snapshot.SnapshotTaker;
import io.sgmigrate.engine.verify.Checklist;
import io.sgmigrate.engine.verify.Finding;
import io.sgmigrate.engine.verify.Verifier;
import io.sgmigrate.engine.verify.VerifyResult;
import io.sgmigrate.engine.report.Report;
import io.sgmigrate.engine.verify.VerificationFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;

/**
 * The single-container to Docker Compose migration. Every step is recorded in the journal before and
 * after it runs; a resumed run skips what is done (a destructive step that succeeded is never repeated)
 * and re-checks the staged payload's checksum before trusting it. The old host is only read.
 * The live {@code sg} databases are replaced only after a restore into a scratch database, from a payload
 * whose every checksum matched, has succeeded.
 */
public final class DockerToCompose {
    static final String SCRATCH_DB = "sgmigrate_restore";
    /**
     * Core tables up to this size are fingerprinted by the migration's own snapshots; larger ones (event logs) are
     * proven by the dump's checksums and row counts, and fully by a separate {@code sgmigrate verify}.
     */
    static final long MIGRATION_CORE_FINGERPRINT_LIMIT = 256L << 20;
    private final MigrationSettings s;
    private final Prompter prompter;
    private final MigrationListener listener;
    private final List<SshConnection> open = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean cancelled;

    public DockerToCompose(MigrationSettings settings, Prompter prompter, MigrationListener listener) {
        this.s = settings;
        this.prompter = prompter;
        this.listener = listener;
    }

    /**
     * Stops a running migration at once: its connections are closed, so whatever step runs fails and is recorded
     * as not done; the run can be resumed later. Safe to call from any thread, at any time.
     */
    public void cancel() {
        cancelled = true;
        open.forEach(SshConnection::close);
    }

    private SshConnection connect(SshConnector connector, io.sgmigrate.engine.ssh.SshAddress address) {
        if (cancelled) throw Problem.of(Problem.Kind.CANCELLED, "job.cancelled");
        SshConnection c = connector.connect(address, s.ssh());
        open.add(c);
        if (cancelled) c.close();
        return c;
    }

    /** Runs (or resumes, when the journal holds finished steps) the migration; returns the verification result. */
    public Verification run(Journal journal) {
        SshConnector connector = new SshConnector(prompter);
        Step current = Step.CONNECT;
        try {
            listener.stepStarted(Step.CONNECT);
            try (SshConnection source = connect(connector, s.source());
                 SshConnection target = connect(connector, s.target())) {
                listener.stepFinished(Step.CONNECT, source.address().display() + " (" + source.hostKeyFingerprint() + "), "
                        + target.address().display() + " (" + target.hostKeyFingerprint() + ")");
                current = Step.PREFLIGHT;
                Facts facts = step(journal, Step.PREFLIGHT, () -> preflightAndSnapshot(source, target),
                        Facts::fromMap, "resumed with the facts recorded before");
                source.useSudoForDocker(facts.sourceSudo());
                target.useSudoForDocker(facts.targetSudo());
                List<Step> order = Step.order(facts.restoreWhileStreaming());
                listener.planned(order);
                Run run = new Run(connector, source, target, facts, journal);
                for (Step st : order.subList(order.indexOf(Step.PREFLIGHT) + 1, order.size())) {
                    current = st;
                    run.perform(st);
                }
                return run.verification;
            }
        } catch (RuntimeException e) {
            Problem p = cancelled ? Problem.of(Problem.Kind.CANCELLED, "migrate.cancelled", current.title()) : Problem.in(e);
            if (p == null) throw e;
            if (!journal.isDone(current.id()) && journal.step(current.id()).map(x -> x.state != Journal.State.FAILED).orElse(true)) {
                journal.failed(current.id(), p.oneLine());
                listener.stepFailed(current, p);
            }
            throw p.withDetail(stateAfter(current, p, journal.isDone(Step.STOP_TARGET.id())));
        }
    }

    /** One run's connections and what its steps pass on to each other. */
    private final class Run {
        final SshConnector connector;
        final SshConnection source;
        final SshConnection target;
        final Facts facts;
        final Journal journal;
        final ComposeCli compose;
        StagedPayload staged;
        Verification verification;

        Run(SshConnector connector, SshConnection source, SshConnection target, Facts facts, Journal journal) {
            this.connector = connector;
            this.source = source;
            this.target = target;
            this.facts = facts;
            this.journal = journal;
            this.compose = new ComposeCli(facts.compose(), "");
        }

        void perform(Step st) {
            switch (st) {
                case CONNECT, PREFLIGHT -> throw new IllegalStateException(st + " runs before the others");
                case TRANSFER -> {
                    step(journal, st, () -> transfer(this), m -> m, null);
                    // Just sent and checked on both ends by this run: no second sha256sum. Otherwise (a resume) it is checked again.
                    if (staged == null) staged = checkStaged(target, journal, facts);
                }
                case CONFIRM -> step(journal, st, () -> confirm(facts), m -> m, "confirmed before");
                case STOP_TARGET -> step(journal, st, () -> {
                    target.runChecked(compose.downWithVolumes(s.composeDir() + "/docker-compose.yaml"));
                    return Map.of();
                }, m -> m, "already done");
                case START_DATABASES -> step(journal, st, () -> {
                    target.runChecked(compose.up(s.composeDir() + "/" + facts.dbOnlyFile()));
                    for (String db : facts.databases()) waitReady(target, new Postgres(Facts.targetContainer(db), "sg"));
                    return Map.of();
                }, m -> m, "already done");
                case RESTORE -> step(journal, st, () -> facts.restoreWhileStreaming()
                        ? ScratchRestore.restoredWhileStreaming(journal.outputs(Step.TRANSFER.id()))
                        : scratch(connector).fromStaged(target, facts, staged), m -> m, "already done");
                case SWAP -> step(journal, st, () -> {
                    for (String db : facts.databases()) ScratchRestore.swap(target, new Postgres(Facts.targetContainer(db), "sg"));
                    return Map.of();
                }, m -> m, "already done");
                case START_DEPLOYMENT -> step(journal, st, () -> {
                    target.runChecked(compose.up(s.composeDir() + "/docker-compose.yaml"));
                    return Map.of("containers", waitDeployment(target));
                }, m -> m, "already done");
                case VERIFY -> verification = verify(target, journal, facts);
                case CLEANUP -> step(journal, st, () -> {
                    target.runChecked(RemoteCommand.of("rm", "-f", "--", facts.payloadPath()));
                    return Map.of();
                }, m -> m, "already done");
            }
        }
    }

    private Verification verify(SshConnection target, Journal journal, Facts facts) {
        Verification v = Verification.compare(counts(journal, facts), targetCounts(target, facts));
        listener.stepStarted(Step.VERIFY);
        journal.started(Step.VERIFY.id());
        if (!v.passed()) {
            Problem p = Problem.of(Problem.Kind.PRECONDITION, "verify.failed", v.differences().size(), String.join("; ", v.differences()));
            journal.failed(Step.VERIFY.id(), p.oneLine());
            listener.stepFailed(Step.VERIFY, p);
            throw p;
        }
        // Then everything else the snapshots compare: contents, sequences, schema versions, site config, code hosts.
        Map<String, String> out = new LinkedHashMap<>(Map.of("tables", Integer.toString(v.tables()), "rows", Long.toString(v.rows())));
        String baselineFile = journal.outputs(Step.PREFLIGHT.id()).get("snapshot");
        if (baselineFile != null) {
            Snapshot baseline = MigrationBaseline.withDumpCounts(SnapshotFile.read(Path.of(baselineFile)), counts(journal, facts));
            Snapshot after = new SnapshotTaker(listener::log, MIGRATION_CORE_FINGERPRINT_LIMIT).take(target, null, s.composeDir(), false);
            Path afterFile = sibling("target-snapshot.json");
            SnapshotFile.write(afterFile, after);
            VerifyResult r = new Verifier().compare(baseline, after);
            journal.saveChecklist(Checklist.build(r, journal.checklist()));
            Path findings = sibling("verification.json");
            VerificationFile.write(findings, r);
            out.put("verification", findings.toString());
            out.put("baseline", baselineFile);
            out.put("snapshot", afterFile.toString());
            out.put("findings", r.count(Finding.Status.PASS) + " equal, " + r.count(Finding.Status.EXPECTED) + " expected, "
                    + r.count(Finding.Status.WARN) + " to look at, " + r.count(Finding.Status.FAIL) + " failed");
            for (Finding f : r.findings()) if (f.status() != Finding.Status.PASS) listener.log(f.line());
            if (!r.passed()) {
                Problem p = Problem.of(Problem.Kind.PRECONDITION, "verify.differs", r.failures().size(), r.failures().get(0).line());
                journal.failed(Step.VERIFY.id(), p.oneLine());
                listener.stepFailed(Step.VERIFY, p);
                throw p;
            }
        }
        journal.done(Step.VERIFY.id(), out);
        listener.stepFinished(Step.VERIFY, v.tables() + " tables, " + v.rows() + " rows, all equal" + (out.containsKey("findings") ? "; " + out.get("findings") : ""));
        return v;
    }

    /** Connects, runs the read-only pre-flight and returns every command the run would send, changing nothing. */
    public Plan dryRun() {
        SshConnector connector = new SshConnector(prompter);
        try (SshConnection source = connector.connect(s.source(), s.ssh()); SshConnection target = connector.connect(s.target(), s.ssh())) {
            Preflight pf = new Preflight(listener::check);
            Facts f = preflight(pf, source, target);
            return Plan.of(s, f, pf.checks());
        }
    }

    /** The pre-flight facts and checks, and the old instance's snapshot beside the journal (the baseline of the verification). */
    private Map<String, String> preflightAndSnapshot(SshConnection source, SshConnection target) {
        Preflight pf = new Preflight(listener::check);
        Facts f = preflight(pf, source, target);
        Map<String, String> out = new LinkedHashMap<>(f.toMap());
        for (Check c : pf.checks()) out.put("check:" + c.name(), c.status() + " " + c.detail());
        Path file = sibling("source-snapshot.json");
        SnapshotFile.write(file, new SnapshotTaker(listener::log, MIGRATION_CORE_FINGERPRINT_LIMIT).take(source, f.container(), null, false));
        out.put("snapshot", file.toString());
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
        return Report.of("Migration to Docker Compose: " + journal.inputs().getOrDefault("target", "?"), journal, before, after, r, journal.checklist());
    }

    /** A file beside the journal: {@code run.json} -> {@code run.NAME}. */
    private Path sibling(String name) {
        Path j = s.journal().toAbsolutePath();
        return j.resolveSibling(j.getFileName().toString().replaceAll("\\.json$", "") + "." + name);
    }

    private Facts preflight(Preflight pf, SshConnection source, SshConnection target) {
        try {
            return pf.run(source, target, s);
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
            case TRANSFER -> Units.bytes(Long.parseLong(out.get("encryptedBytes"))) + " staged at " + out.get("payloadPath")
                    + ", SHA-256 " + out.get("sha256").substring(0, 16) + "\u2026 checked on both ends"
                    + (out.keySet().stream().anyMatch(k -> k.startsWith("restored:")) ? "; restored into the scratch databases on the way" : "")
                    + " (" + out.get("seconds") + " s)";
            case PREFLIGHT -> "all checks passed";
            case RESTORE -> "transfer".equals(out.get("during")) ? "restored while the dump streamed in" : "done in " + out.get("seconds") + " s";
            default -> "done in " + out.get("seconds") + " s";
        };
    }

    /**
     * pg_dump of one database on the old host; where pre-flight found zstd there, compressed by {@code zstd -1}
     * before it crosses the network, and exiting with pg_dump's own status (70 when zstd itself failed).
     */
    static RemoteCommand dumpCommand(Facts f, Compression c, String db) {
        RemoteCommand dump = new Postgres(f.container(), "postgres").dump(db);
        if (!f.packedDump(c)) return dump;
        return zstdOnTheHost(f.sourceSudo() ? dump.viaSudo() : dump);
    }

    /** {@code command | zstd -1} on its host, exiting with the command's own status, or 70 when zstd failed (sh has no pipefail). */
    static RemoteCommand zstdOnTheHost(RemoteCommand command) {
        return RemoteCommand.of("sh", "-c", "exec 3>&1; s=$( { { \"$@\"; echo $? >&4; } | zstd -1 -q -c >&3; } 4>&1 ) || exit 70; exit \"${s:-71}\"",
                "sgmigrate-dump").with(command.argv().toArray(String[]::new));
    }

    private Map<String, String> transfer(Run run) {
        SshConnection source = run.source;
        SshConnection target = run.target;
        Facts f = run.facts;
        Map<String, String> out = new LinkedHashMap<>();
        target.runChecked(RemoteCommand.of("sh", "-c", "umask 077 && mkdir -p \"$1\"", "sgmigrate-mkdir", f.stagingDir()));
        List<PayloadTransfer.Source> members = new ArrayList<>();
        for (String db : f.databases()) members.add(new PayloadTransfer.Source(Facts.member(db), dumpCommand(f, s.compression(), db), f.packedDump(s.compression())));
        TransferMeter meter = new TransferMeter(f.estimatedBytes());
        PayloadTransfer transfer = new PayloadTransfer(protections(), s.compression(), PayloadWriter.DEFAULT_PART_SIZE);
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
            try (SshConnection restorer = connect(run.connector, s.target())) {
                restorer.useSudoForDocker(f.targetSudo());
                staged = transfer.run(source, members, target, f.payloadPath(), progress, member -> scratch().sink(restorer, member, f));
            }
            for (var m : staged.manifest().members()) if (m.name().startsWith("dumps/")) out.put("restored:" + m.name(), m.size() + " " + m.sha256());
            out.put("restoreStream", f.packedRestore(s.compression()) ? s.compression().name().toLowerCase(java.util.Locale.ROOT) : "plain");
        } else {
            staged = transfer.run(source, members, target, f.payloadPath(), progress);
        }
        out.put("dumpStream", f.packedDump(s.compression()) ? "zstd" : "plain");
        run.staged = staged;
        out.put("payloadPath", staged.path());
        out.put("encryptedBytes", Long.toString(staged.encryptedBytes()));
        out.put("sha256", staged.sha256());
        out.put("plainBytes", Long.toString(meter.bytes()));
        out.put("protection", s.protectionDescription());
        for (var m : staged.manifest().members()) out.put("member:" + m.name(), m.size() + " " + m.sha256());
        // Rows per table as counted in the dump itself (its own snapshot): what the restore must reproduce.
        for (String db : f.databases()) {
            staged.rowCounts().getOrDefault(Facts.member(db), Map.of()).forEach((t, n) -> out.put("count:" + db + ":" + t, Long.toString(n)));
        }
        return out;
    }

    /** The staged payload is trusted only if its SHA-256 on the new host still equals the one recorded when it was sent. */
    private StagedPayload checkStaged(SshConnection target, Journal journal, Facts f) {
        Map<String, String> t = journal.outputs(Step.TRANSFER.id());
        ExecResult r = target.run(PayloadTransfer.checksumCommand(t.get("payloadPath")));
        String now = r.ok() ? r.stdout().strip().split("\\s+")[0] : "";
        if (!now.equals(t.get("sha256"))) {
            if (journal.isDone(Step.RESTORE.id())) return new StagedPayload(t.get("payloadPath"), 0, t.get("sha256"), null, Map.of());
            throw Problem.of(Problem.Kind.PRECONDITION, "migrate.staged.changed", t.get("payloadPath"), target.address().display());
        }
        return new StagedPayload(t.get("payloadPath"), Long.parseLong(t.get("encryptedBytes")), now, null, Map.of());
    }

    private Map<String, String> confirm(Facts f) {
        String host = s.target().host();
        if (s.yes() && f.targetFresh()) return Map.of("confirmedBy", "--yes (fresh target)");
        if (s.yes()) throw Problem.of(Problem.Kind.PRECONDITION, "migrate.confirm.dataUnattended", host);
        String what = (f.targetFresh() ? "" : "WARNING: the new host's databases are NOT empty. ")
                + "This stops the deployment in " + s.composeDir() + " on " + host + " and deletes its volumes, then restores the old instance's data there.";
        Boolean ok;
        try {
            ok = prompter.typedConfirmation(what, host).join();
        } catch (CompletionException e) {
            ok = false;
        }
        if (!Boolean.TRUE.equals(ok)) throw Problem.of(Problem.Kind.CANCELLED, "migrate.confirm.declined", host);
        return Map.of("confirmedBy", "typed host name");
    }

    private ScratchRestore scratch() {
        return new ScratchRestore(s, listener, null);
    }

    private ScratchRestore scratch(SshConnector connector) {
        return new ScratchRestore(s, listener, a -> connect(connector, a));
    }

    /** The recipient's key first: gpg then opens the payload with the secret key without asking for the run's passphrase. */
    private List<io.sgmigrate.engine.payload.Protection> protections() {
        List<io.sgmigrate.engine.payload.Protection> p = new ArrayList<>();
        s.recipient().ifPresent(p::add);
        p.add(s.protection());
        return p;
    }

    private static void waitReady(SshConnection target, Postgres pg) {
        if (!Poll.until(() -> target.run(pg.ready()).ok())) {
            throw Problem.of(Problem.Kind.REMOTE_COMMAND, "migrate.db.notReady", pg.container(), target.address().display());
        }
    }

    private String waitDeployment(SshConnection target) {
        DockerCli d = new DockerCli(target);
        return Poll.forValue(() -> {
            List<Container> mine = d.containers().stream()
                    .filter(c -> s.composeDir().equals(c.labels().get("com.docker.compose.project.working_dir"))).toList();
            return !mine.isEmpty() && mine.stream().allMatch(Container::running)
                    ? Optional.of(String.join(",", mine.stream().map(Container::name).sorted().toList())) : Optional.<String>empty();
        }).orElseThrow(() -> Problem.of(Problem.Kind.REMOTE_COMMAND, "migrate.deployment.notUp", s.composeDir(), target.address().display()));
    }

    private static Map<String, Map<String, Long>> counts(Journal journal, Facts f) {
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        journal.outputs(Step.TRANSFER.id()).forEach((k, v) -> {
            if (k.startsWith("count:")) {
                String rest = k.substring(6);
                int colon = rest.indexOf(':');
                out.computeIfAbsent(rest.substring(0, colon), x -> new java.util.TreeMap<>()).put(rest.substring(colon + 1), Long.parseLong(v));
            }
        });
        return out;
    }

    private static Map<String, Map<String, Long>> targetCounts(SshConnection target, Facts f) {
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        for (String db : f.databases()) out.put(db, new java.util.TreeMap<>(new Postgres(Facts.targetContainer(db), "sg").rowCounts(target, "sg")));
        return out;
    }

    /** What each host is left with when a step fails: the admin's first question. */
    private String stateAfter(Step failed, Problem p, boolean targetStopped) {
        String old = "Old host: unchanged (it is only read).";
        String neu = switch (failed) {
            case CONNECT, PREFLIGHT, CONFIRM -> "New host: unchanged.";
            case TRANSFER -> targetStopped
                    ? "New host: its fresh deployment is stopped and only its databases run; sg is untouched, a scratch database may hold part of a restore, and an incomplete payload may remain under a .partial name in the staging folder. Run again with --resume."
                    : "New host: deployment untouched; an incomplete payload may remain under a .partial name in the staging folder.";
            case STOP_TARGET, START_DATABASES -> "New host: the deployment may be stopped and its volumes removed; the staged payload is kept. Run again with --resume.";
            case RESTORE -> "New host: databases alone are running; the restore went into a scratch database, sg is untouched; the staged payload is kept. Run again with --resume.";
            case SWAP -> "New host: some databases may already be replaced by the restored copy; the staged payload is kept. Run again with --resume.";
            case START_DEPLOYMENT, VERIFY, CLEANUP -> "New host: the restored data is in place; the staged payload is kept. Run again with --resume to finish.";
        };
        return (p.detail().isEmpty() ? "" : p.detail() + " | ") + old + " " + neu;
    }



}
