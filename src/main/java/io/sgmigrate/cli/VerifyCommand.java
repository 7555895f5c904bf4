package io.sgmigrate.cli;

import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.journal.Journal;
import io.sgmigrate.engine.journal.JournalLock;
import io.sgmigrate.engine.report.Report;
import io.sgmigrate.engine.report.ReportFiles;
import io.sgmigrate.engine.snapshot.Snapshot;
import io.sgmigrate.engine.snapshot.SnapshotFile;
import io.sgmigrate.engine.ssh.SshAddress;
import io.sgmigrate.engine.verify.Checklist;
import io.sgmigrate.engine.verify.ChecklistItem;
import io.sgmigrate.engine.verify.Finding;
import io.sgmigrate.engine.verify.SrcSummary;
import io.sgmigrate.engine.verify.Verifier;
import io.sgmigrate.engine.verify.VerifyResult;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Snapshots the new instance and compares it with a baseline snapshot of the old one. Exit 0 only when",
                "everything that must match does; every difference is named. Only reads."})
final class VerifyCommand implements Callable<Integer> {
    private final TerminalPrompter prompter;

    @Spec
    CommandSpec spec;

    @Option(names = "--baseline", required = true, paramLabel = "FILE.json",
            description = "The old instance's snapshot (sgmigrate snapshot), with its fingerprint key FILE.json.fpkey beside it.")
    Path baseline;

    @Option(names = "--host", required = true, paramLabel = "ssh://USER@HOST[:PORT]", description = "The new instance's host.")
    String host;

    @ArgGroup(exclusive = true, multiplicity = "1")
    SnapshotCommand.Where where;

    @Option(names = "--jdbc", description = "Compose only: read the databases with JDBC through an SSH tunnel instead of docker exec psql.")
    boolean jdbc;

    @Option(names = "--src-summary", paramLabel = "summary.json", description = "Also check the code hosts and auth providers of a src snapshot summary file.")
    Path srcSummary;

    @Option(names = "--expect-change", paramLabel = "KEY", description = "A site config key you changed on purpose (externalURL is always expected to change).")
    List<String> expectChange = new ArrayList<>();

    @Option(names = "--report", paramLabel = "DIR", description = "Write report.html and report.json into DIR.")
    Path report;

    @Option(names = "--journal", paramLabel = "FILE", description = "Keep the checklist in this journal (a migration's, or a new one).")
    Path journal;

    @Option(names = "--out", paramLabel = "FILE.json", description = "Also keep the new instance's snapshot (and the comparison's key beside it, FILE.json.fpkey).")
    Path out;

    @Mixin
    VerboseOption verbose;

    @ArgGroup(validate = false, heading = "%nConnection:%n")
    ConnectionOptions connection = new ConnectionOptions();

    VerifyCommand(TerminalPrompter prompter) {
        this.prompter = prompter;
    }

    @Override
    @SuppressWarnings("try") // the lock is held, not used
    public Integer call() {
        verbose.apply();
        PrintWriter o = spec.commandLine().getOut();
        // Taken before the snapshot, so a journal in use is refused before any remote work.
        try (JournalLock lock = journal != null ? Journal.lock(journal) : null) {
            SnapshotFile.Baseline b = SnapshotFile.readBaseline(baseline);
            Snapshot before = b.snapshot();
            if (b.converted()) {
                o.println("note: " + baseline + " is an older snapshot (format 1) with unkeyed fingerprints; compared under a new key."
                        + " Keep it private, or take a new baseline with sgmigrate snapshot.");
            }
            SrcSummary summary = srcSummary == null ? null : SrcSummary.read(srcSummary);
            Snapshot after = SnapshotCommand.take(prompter, SshAddress.parse(host), connection, where.container, where.composeDir, jdbc, b.key(), o);
            if (out != null) SnapshotFile.write(out, after, b.key());
            VerifyResult r = new Verifier(Set.copyOf(expectChange)).compare(before, after);
            if (summary != null) {
                List<Finding> all = new ArrayList<>(r.findings());
                all.addAll(summary.check(after));
                r = new VerifyResult(List.copyOf(all));
            }
            print(o, r);
            Journal j = null;
            if (journal != null) {
                j = Files.exists(journal) ? Journal.load(journal) : Journal.create(journal, "verify-" + java.time.Instant.now().getEpochSecond(),
                        where.composeDir != null ? Map.of("baseline", baseline.toString(), "host", host, "composeDir", where.composeDir)
                                : Map.of("baseline", baseline.toString(), "host", host));
                List<ChecklistItem> items = Checklist.build(r, j.checklist());
                j.saveChecklist(items);
                o.println("checklist: " + items.stream().filter(ChecklistItem::manual).count() + " manual items to confirm; sgmigrate checklist --journal " + journal);
            }
            if (report != null) {
                Path html = ReportFiles.write(report, Report.of("Verification of " + after.instance().host(), j, before, after, r,
                        j == null ? Checklist.build(r, List.of()) : j.checklist()));
                o.println("report: " + html);
            }
            o.flush();
            if (!r.passed()) throw Problem.of(Problem.Kind.PRECONDITION, "verify.differs", r.failures().size(), r.failures().get(0).line());
            return 0;
        }
    }

    /** Failures, warnings and expected differences line by line; equal items as one count. */
    static void print(PrintWriter o, VerifyResult r) {
        for (Finding.Status s : List.of(Finding.Status.FAIL, Finding.Status.WARN, Finding.Status.EXPECTED)) {
            for (Finding f : r.findings()) if (f.status() == s) o.println("  " + f.line());
        }
        o.printf("verification %s: %d equal, %d expected differences, %d to look at, %d failed%n", r.passed() ? "PASSED" : "FAILED",
                r.count(Finding.Status.PASS), r.count(Finding.Status.EXPECTED), r.count(Finding.Status.WARN), r.count(Finding.Status.FAIL));
    }
}
