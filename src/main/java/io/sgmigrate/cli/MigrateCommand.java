package io.sgmigrate.cli;

import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.journal.Journal;
import io.sgmigrate.engine.migrate.Check;
import io.sgmigrate.engine.migrate.DockerToCompose;
import io.sgmigrate.engine.migrate.MigrationListener;
import io.sgmigrate.engine.migrate.MigrationSettings;
import io.sgmigrate.engine.migrate.Plan;
import io.sgmigrate.engine.migrate.RunFiles;
import io.sgmigrate.engine.migrate.Step;
import io.sgmigrate.engine.report.ReportFiles;
import io.sgmigrate.engine.migrate.Verification;
import io.sgmigrate.engine.payload.Compression;
import io.sgmigrate.engine.payload.Protection;
import io.sgmigrate.engine.progress.TransferMeter;
import io.sgmigrate.engine.secret.Secret;
import io.sgmigrate.engine.ssh.SshAddress;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What the migrations to Docker Compose share on the command line: the new host and its folder, the payload's
 * protection, the confirmation, the journal and resume, the report. Each subclass names its source.
 */
abstract class MigrateCommand implements Callable<Integer> {
    final TerminalPrompter prompter;

    @Spec
    CommandSpec spec;

    @Option(names = "--source", required = true, paramLabel = "ssh://USER@HOST[:PORT]", description = "The old host.")
    String source;

    @Option(names = "--target", required = true, paramLabel = "ssh://USER@HOST[:PORT]", description = "The new host, with the Docker Compose deployment.")
    String target;

    @Option(names = "--compose-dir", required = true, paramLabel = "PATH", description = "deploy-sourcegraph-docker's docker-compose folder on the new host.")
    String composeDir;

    @Option(names = "--recipient", paramLabel = "PUBLIC_KEY_FILE", description = "Also encrypt the payload to this OpenPGP key (e.g. support's).")
    Path recipient;

    @Option(names = "--passphrase-file", paramLabel = "FILE", description = "The payload's passphrase (default: a random one, written to a key file beside the journal).")
    Path passphraseFile;

    @Option(names = "--compression", defaultValue = "zstd", paramLabel = "none|gzip|zstd", description = "Compression inside the payload (default: ${DEFAULT-VALUE}).")
    Compression compression;

    @Option(names = "--staging-dir", paramLabel = "PATH", description = "Where the encrypted payload is staged on the new host (default: ~/sgmigrate-staging).")
    String stagingDir;

    @Option(names = "--dry-run", description = "Change nothing; print every command each host would run, by host and step.")
    boolean dryRun;

    @Option(names = "--yes", description = "Do not ask; an unknown host key is still never accepted, and a target holding data is never replaced.")
    boolean yes;

    @Option(names = "--confirm-host", paramLabel = "NAME", description = "Confirm replacing the new host's databases without a terminal: the host name you would type when asked (needed for a target that holds data).")
    String confirmHost;

    @Option(names = "--resume", description = "Continue the run recorded in the journal (--journal, or the newest in ~/.sgmigrate/runs).")
    boolean resume;

    @Option(names = "--journal", paramLabel = "FILE", description = "The run's journal (default: ~/.sgmigrate/runs/<time>-<target>.json).")
    Path journalFile;

    @Option(names = "--report", paramLabel = "DIR", description = "Also write the run's report (report.html, report.json) into DIR, also when it fails.")
    Path reportDir;

    @Mixin
    VerboseOption verbose;

    @ArgGroup(validate = false, heading = "%nConnection:%n")
    ConnectionOptions connection = new ConnectionOptions();

    /** The old instance: its container, or nothing (the one running). */
    abstract Optional<String> container();

    /** The migration from this command's source. */
    abstract io.sgmigrate.engine.migrate.MigrationRun migration(MigrationSettings settings, Printer printer);

    /** What the journal records of the source besides the host. */
    abstract Map<String, String> sourceInputs();

    MigrateCommand(TerminalPrompter prompter) {
        this.prompter = prompter;
    }

    @Override
    @SuppressWarnings("try") // the lock is held, not used
    public Integer call() throws IOException {
        verbose.apply();
        PrintWriter out = spec.commandLine().getOut();
        SshAddress src = SshAddress.parse(source);
        SshAddress dst = SshAddress.parse(target);
        Path journalPath = journalPath(dst);
        if (dryRun) return call(out, src, dst, journalPath);
        // One run per journal, from before its key is made until the run ends: a second run, the wizard, checklist or verify is refused.
        try (io.sgmigrate.engine.journal.JournalLock held = Journal.lock(journalPath)) {
            if (!resume && Files.exists(journalPath)) throw Problem.of(Problem.Kind.INPUT, "journal.exists", journalPath);
            return call(out, src, dst, journalPath);
        }
    }

    private Integer call(PrintWriter out, SshAddress src, SshAddress dst, Path journalPath) {
        Path keyFile = RunFiles.keyFile(journalPath);
        // A resumed transfer encrypts to the same recipient as the run it continues, unless told otherwise.
        Path recipientFile = recipient != null || !resume ? recipient
                : Optional.ofNullable(Journal.load(journalPath).inputs().get("recipient")).map(Path::of).orElse(null);
        Optional<Protection.Recipient> to = Optional.ofNullable(recipientFile).map(Protection::recipientFromFile);
        try (Secret pass = passphrase(keyFile, out)) {
            MigrationSettings settings = new MigrationSettings(src, dst, connection.toSshOptions(), composeDir, container(),
                    new Protection.Passphrase(pass), to, passphraseFile != null ? "passphrase file " + passphraseFile : "key file " + keyFile,
                    compression, yes, journalPath, Optional.ofNullable(stagingDir), Optional.ofNullable(confirmHost));
            Printer printer = new Printer(out, System.console() != null);
            io.sgmigrate.engine.migrate.MigrationRun migration = migration(settings, printer);
            if (dryRun) {
                Plan plan = migration.dryRun();
                out.println();
                out.print(plan.render(src.display(), dst.display()));
                out.flush();
                return 0;
            }
            Journal journal = resume ? Journal.load(journalPath) : Journal.create(journalPath, journalPath.getFileName().toString(), inputs(keyFile));
            out.println("journal: " + journalPath);
            Verification v;
            try {
                v = migration.run(journal);
            } finally {
                if (reportDir != null) out.println("report: " + ReportFiles.write(reportDir, DockerToCompose.report(journal)));
            }
            out.println("Migration complete: " + v.tables() + " tables and " + v.rows() + " rows match the old instance.");
            out.println("Next: sign in to the new instance as a site admin and check repositories, code host connections and search;");
            out.println("      mark each item with: sgmigrate checklist --journal " + journalPath + " --mark ID --note TEXT");
            out.flush();
            return 0;
        }
    }

    private Map<String, String> inputs(Path keyFile) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("source", source);
        m.put("target", target);
        m.put("composeDir", composeDir);
        m.putAll(sourceInputs());
        if (stagingDir != null) m.put("stagingDir", stagingDir);
        m.put("compression", compression.name().toLowerCase(java.util.Locale.ROOT));
        m.put("keyFile", passphraseFile != null ? passphraseFile.toString() : keyFile.toString());
        if (recipient != null) m.put("recipient", recipient.toString());
        m.putAll(connection.recorded());
        return m;
    }

    private Path journalPath(SshAddress dst) {
        if (journalFile != null) return journalFile.toAbsolutePath();
        // --resume alone: the newest journal of a run to this new host and compose folder, never another host's.
        if (resume) return RunFiles.newestJournalOf(target, composeDir)
                .orElseThrow(() -> Problem.of(Problem.Kind.INPUT, "migrate.resume.noJournal", dst.display(), RunFiles.runsFolder()));
        return RunFiles.newJournal(dst.host());
    }

    /** The payload's passphrase: from --passphrase-file, from the run's key file on resume, or new and written to it (0600). */
    private Secret passphrase(Path keyFile, PrintWriter out) {
        Path from = passphraseFile != null ? passphraseFile : (resume || Files.exists(keyFile) ? keyFile : null);
        if (from != null) return RunFiles.readPassphrase(from);
        if (dryRun) return Secret.adopt("dry-run".toCharArray());
        Secret s = RunFiles.newPassphrase(keyFile);
        out.println("The payload's passphrase is in " + keyFile + " (owner-only). Keep it: it is needed to resume and to open the payload.");
        return s;
    }

    /** Steps and checks as lines; transfer progress at most once a second. */
    static final class Printer implements MigrationListener {
        private final PrintWriter out;
        private static final int BAR_WIDTH = 24;
        private final boolean terminal;
        private boolean barShown;
        private long lastProgress;
        /** Null until the run announces its steps: then only a step's place is shown, never a total that may change. */
        private java.util.List<Step> order;

        Printer(PrintWriter out, boolean terminal) {
            this.out = out;
            this.terminal = terminal;
        }

        private synchronized void line(String s) {
            if (barShown) out.print("\r" + " ".repeat(BAR_WIDTH + 70) + "\r");
            barShown = false;
            out.println(s);
            out.flush();
        }

        /** "[#######.............]  35% " then the meter's line; -1 fraction shows no percentage. */
        static String bar(double fraction) {
            if (fraction < 0) return "";
            int filled = (int) Math.round(fraction * BAR_WIDTH);
            return "[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "] " + String.format(java.util.Locale.ROOT, "%3d%% ", Math.round(fraction * 100));
        }

        @Override
        public void planned(java.util.List<Step> steps) {
            order = steps;
        }

        String number(Step step) {
            if (order == null) return "[" + (Step.order(false).indexOf(step) + 1) + "] ";
            return "[" + (order.indexOf(step) + 1) + "/" + order.size() + "] ";
        }

        @Override
        public void stepStarted(Step step) {
            line(number(step) + step.title() + (step.changesTarget() ? " (changes the new host)" : ""));
        }

        @Override
        public void stepFinished(Step step, String summary) {
            line("      done: " + summary);
        }

        @Override
        public void stepSkipped(Step step, String why) {
            line(number(step) + step.title() + ": skipped, " + why);
        }

        @Override
        public void stepFailed(Step step, Problem problem) {
            line("      FAILED: " + Terminal.safe(problem.what()));
        }

        @Override
        public void check(Check c) {
            line(String.format("      %-4s  %s: %s", c.status(), c.name(), Terminal.safe(c.detail())));
        }

        @Override
        public synchronized void progress(Step step, TransferMeter meter) {
            long now = System.nanoTime();
            // On a terminal one bar redrawn in place; in a log, a line every 5 seconds.
            if (now - lastProgress < (terminal ? 250_000_000L : 5_000_000_000L)) return;
            lastProgress = now;
            String text = "      " + bar(meter.fraction()) + meter.describe();
            if (terminal) {
                out.print("\r" + text + "   ");
                out.flush();
                barShown = true;
            } else {
                line(text);
            }
        }

        @Override
        public void log(String s) {
            line("      " + Terminal.safe(s));
        }

        @Override
        public void stopped(String hostStates) {
            line("STOPPED. " + Terminal.safe(hostStates));
        }
    }
}
