package io.sgmigrate.engine.migrate;

import io.sgmigrate.engine.payload.Compression;
import io.sgmigrate.engine.shell.RemoteCommand;
import io.sgmigrate.engine.transfer.LocalPayloadFile;
import io.sgmigrate.engine.transfer.PayloadTransfer;
import java.util.ArrayList;
import java.util.List;

/**
 * Every command each host will run, in order, grouped by step: the dry run. Built from the same command
 * builders the run uses, so what is shown is what runs.
 */
public record Plan(List<Line> lines, List<Check> checks, long estimatedBytes) {
    /** {@code host} is "old", "here" (this machine) or "new"; {@code note} explains what is not a shell command (a stream through sgmigrate). */
    public record Line(Step step, String host, String command, String note) {}

    static Plan of(MigrationSettings s, Facts f, List<Check> checks) {
        return of(s.targetSettings(), s.compression(), f, checks, new SingleContainerSource(s).plan(f, s.compression()),
                Step.order(f.restoreWhileStreaming()), null);
    }

    /**
     * @param from the source's own lines (its dump commands, or what it reads here)
     * @param order the run's steps: with {@link Step#TRANSFER} the dumps are staged as a payload on the new host
     */
    static Plan of(TargetSettings s, Compression c, Facts f, List<Check> checks, List<Line> from, List<Step> order, SiteConfigEdit configure) {
        List<Line> l = new ArrayList<>();
        ComposeCli compose = new ComposeCli(f.compose(), "");
        String full = f.composeFile("docker-compose.yaml");
        boolean staged = order.contains(Step.TRANSFER);
        boolean here = staged && f.stagedHere();
        if (staged && !here) l.add(new Line(Step.TRANSFER, "new", Migration.stagingDirCommand(f.stagingDir()).render(), "a private folder of the login's own"));
        l.addAll(from);
        if (here) {
            java.nio.file.Path kept = java.nio.file.Path.of(f.payloadPath());
            l.add(new Line(Step.TRANSFER, "here", "write " + LocalPayloadFile.partial(kept) + " (0600), sync, rename to " + kept,
                    "the encrypted payload, kept beside the journal until verification passed: the dump crosses the new host's link once, into psql"));
            l.add(new Line(Step.TRANSFER, "here", "write " + LocalPayloadFile.checksumFile(kept), "sha256sum -c reads it"));
        } else if (staged) {
            l.add(new Line(Step.TRANSFER, "new", PayloadTransfer.receiveCommand(f.payloadPath() + ".partial").render(), "stdin is the encrypted payload"));
            l.add(new Line(Step.TRANSFER, "new", PayloadTransfer.checksumCommand(f.payloadPath() + ".partial").render(), "must equal the SHA-256 computed while sending"));
            l.add(new Line(Step.TRANSFER, "new", PayloadTransfer.commitCommand(f.payloadPath() + ".partial", f.payloadPath()).render(), null));
        }
        boolean streamed = staged && f.restoreWhileStreaming();
        if (staged && !streamed) {
            l.add(new Line(Step.CHECK_PAYLOAD, "new", RemoteCommand.of("cat", "--", f.payloadPath()).render(),
                    "read back and decrypted here, every checksum checked, nothing restored: before anything on the new host stops"));
        }
        l.add(new Line(Step.CONFIRM, "new", "(no command)", s.confirmHost().isPresent() ? "--confirm-host " + s.confirmHost().get()
                : s.yes() && f.targetFresh() ? "--yes: the target is a fresh install" : "type the new host's name to confirm"));
        l.add(new Line(Step.STOP_TARGET, "new", compose.stop(full, f.applicationServices()).render(), "the databases and every volume stay"));
        l.add(new Line(Step.START_DATABASES, "new", compose.up(full, f.databaseServices().toArray(String[]::new)).render(), "already running: nothing changes"));
        for (String db : f.databases()) {
            l.add(new Line(Step.START_DATABASES, "new", Facts.target(db).postgres().ready().render(), "repeated until it succeeds"));
        }
        Step restoreIn = streamed ? Step.TRANSFER : Step.RESTORE;
        for (String db : f.databases()) {
            Facts.Target t = Facts.target(db);
            Postgres pg = t.postgres();
            l.add(new Line(restoreIn, "new", pg.psql("postgres", "DROP DATABASE IF EXISTS " + ScratchRestore.SCRATCH_DB).render(), null));
            l.add(new Line(restoreIn, "new", pg.psql("postgres", "CREATE DATABASE " + ScratchRestore.SCRATCH_DB + " OWNER " + Postgres.identifier(t.user())).render(), null));
        }
        if (staged && !streamed) {
            l.add(new Line(Step.RESTORE, "new", RemoteCommand.of("cat", "--", f.payloadPath()).render(), "read back and decrypted here; every checksum checked again"));
        }
        for (String db : f.databases()) {
            boolean packed = streamed && f.packedRestore(c);
            l.add(new Line(restoreIn, "new", ScratchRestore.restoreCommand(f, packed ? c : Compression.NONE, db).render(),
                    "stdin is " + Facts.member(db) + (packed ? " as the payload's compressed parts" : "")
                            + (streamed ? ", as it streams in (the target is fresh, so its application services were stopped first)" : "")));
        }
        if (configure != null) {
            Postgres pg = Facts.FRONTEND.postgres();
            l.add(new Line(Step.CONFIGURE, "new", pg.psql(ScratchRestore.SCRATCH_DB, "insert into critical_and_site_config (type, contents) values ('site', '...')").render(),
                    configure.description()));
        }
        for (String db : f.databases()) {
            Facts.Target t = Facts.target(db);
            Postgres pg = t.postgres();
            String name = Postgres.identifier(t.database());
            l.add(new Line(Step.SWAP, "new", pg.psql(t.adminDatabase(), "DROP DATABASE " + name).render(), "after ending any session still in " + t.database()));
            l.add(new Line(Step.SWAP, "new", pg.psql(t.adminDatabase(), "ALTER DATABASE " + ScratchRestore.SCRATCH_DB + " RENAME TO " + name).render(), null));
            l.add(new Line(Step.SWAP, "new", pg.psql(t.adminDatabase(), "ALTER DATABASE " + name + " OWNER TO " + Postgres.identifier(t.user())).render(), null));
        }
        l.add(new Line(Step.START_DEPLOYMENT, "new", compose.up(full).render(), "waits until every container runs or, like the migrator, exited 0"));
        for (String db : f.databases()) {
            Facts.Target t = Facts.target(db);
            l.add(new Line(Step.VERIFY, "new", t.postgres().psql(t.database(), Postgres.ROW_COUNTS).render(), "compared with the old host's counts"));
        }
        if (here) {
            l.add(new Line(Step.CLEANUP, "here", "remove " + f.payloadPath() + " and its .partial and .sha256", "only after verification passed"));
        } else if (staged) {
            l.add(new Line(Step.CLEANUP, "new", RemoteCommand.of("rm", "-f", "--", f.payloadPath(), f.payloadPath() + ".partial").render(), "only after verification passed"));
        }
        l.replaceAll(line -> (line.host().equals("old") ? f.sourceSudo() : f.targetSudo()) && line.command().matches("^docker(-compose)? .*")
                ? new Line(line.step(), line.host(), "sudo -n -- " + line.command(), line.note()) : line);
        l.sort(java.util.Comparator.comparingInt(line -> order.indexOf(line.step())));   // stable: commands keep their order within a step
        return new Plan(List.copyOf(l), List.copyOf(checks), f.estimatedBytes());
    }

    /**
     * A rough duration: the lab's measured rate for the whole streamed step (about 15 MB/s of database on disk,
     * docs/benchmarks.md) to twice as fast on dedicated hosts, plus a minute of fixed steps.
     */
    public String estimate() {
        long slowS = 60 + estimatedBytes / 15_000_000L;
        long fastS = 60 + estimatedBytes / 30_000_000L;
        return io.sgmigrate.engine.progress.Units.bytes(estimatedBytes) + " of databases to move; about "
                + io.sgmigrate.engine.progress.Units.duration(java.time.Duration.ofSeconds(fastS)) + " to "
                + io.sgmigrate.engine.progress.Units.duration(java.time.Duration.ofSeconds(slowS))
                + "; the new host needs room for the compressed payload and the restored databases (see pre-flight)";
    }

    /** The plan as a shell script to keep or to read: every command commented out, nothing runs by accident. */
    public String script(String oldHost, String newHost) {
        StringBuilder sb = new StringBuilder("#!/bin/sh\n# sgmigrate's plan, for reading: what each host runs, in order. Nothing here is meant to run as is:\n"
                + "# the dumps stream through sgmigrate, which checksums, encrypts and checks them on the way.\nexit 0\n\n");
        for (String line : render(oldHost, newHost).split("\n", -1)) sb.append(line.isEmpty() || line.startsWith("#") ? line : "# $ " + line).append('\n');
        return sb.toString();
    }

    /** Copy-pasteable text: grouped by host, then step, in run order. */
    public String render(String oldHost, String newHost) {
        StringBuilder sb = new StringBuilder();
        for (String host : List.of("old", "here", "new")) {
            if (lines.stream().noneMatch(x -> x.host().equals(host))) continue;
            sb.append("### ").append(switch (host) {
                case "old" -> "old host " + oldHost + " (only read)";
                case "here" -> lines.stream().anyMatch(x -> x.host().equals("here") && x.step() == Step.TRANSFER)
                        ? "this machine (it keeps the payload)" : "this machine (the payload file " + oldHost + " is only read)";
                default -> "new host " + newHost;
            }).append('\n');
            Step last = null;
            for (Line line : lines) {
                if (!line.host().equals(host)) continue;
                if (line.step() != last) {
                    sb.append("# ").append(line.step().title()).append('\n');
                    last = line.step();
                }
                if (line.note() != null) sb.append("#   ").append(line.note()).append('\n');
                if (!line.command().startsWith("(")) sb.append(line.command()).append('\n');
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
