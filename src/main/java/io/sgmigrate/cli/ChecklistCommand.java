package io.sgmigrate.cli;

import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.instance.CloneProgress;
import io.sgmigrate.engine.journal.Journal;
import io.sgmigrate.engine.journal.JournalLock;
import io.sgmigrate.engine.migrate.LiveChecklist;
import io.sgmigrate.engine.ssh.SshConnector;
import io.sgmigrate.engine.ssh.SshOptions;
import io.sgmigrate.engine.verify.Checklist;
import io.sgmigrate.engine.verify.ChecklistItem;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "checklist", mixinStandardHelpOptions = true,
        description = {"Lists the after-migration checklist kept in a journal, marks one of its manual items, or (--check) looks at",
                "the new instance itself: health endpoint, containers, clone progress, code host and permission syncs, the",
                "frontend's critical log lines, externalURL and the migration notice. Exit 0 only when no item failed."})
final class ChecklistCommand implements Callable<Integer> {
    /** The shortest pause --watch takes between two looks. */
    static final int SHORTEST_WATCH = 2;
    private final TerminalPrompter prompter;

    @Spec
    CommandSpec spec;

    @Option(names = "--journal", required = true, paramLabel = "FILE", description = "The migration's (or verification's) journal.")
    Path journal;

    @Option(names = "--mark", paramLabel = "ID", description = "The manual item to mark (see the list).")
    String mark;

    @Option(names = "--status", paramLabel = "done|failed|skipped|todo", defaultValue = "done", description = "Its new status (default: ${DEFAULT-VALUE}).")
    String status;

    @Option(names = "--note", paramLabel = "TEXT", description = "What was seen, kept with the item.")
    String note;

    @Option(names = "--by", paramLabel = "NAME", description = "Who checked it (default: this user).")
    String by;

    @Option(names = "--check", description = "Look at the new instance now (over SSH, read only) and keep what was seen in the journal.")
    boolean check;

    @Option(names = "--watch", paramLabel = "SECONDS", description = "Look again every SECONDS until nothing is pending, printing what changed (implies --check).")
    Integer watch;

    @Mixin
    VerboseOption verbose;

    @ArgGroup(validate = false, heading = "%nConnection (--check; default key and known_hosts: the ones the run used):%n")
    ConnectionOptions connection = new ConnectionOptions();

    ChecklistCommand(TerminalPrompter prompter) {
        this.prompter = prompter;
    }

    @Override
    @SuppressWarnings("try") // the lock is held, not used
    public Integer call() {
        verbose.apply();
        PrintWriter o = spec.commandLine().getOut();
        if (watch != null && watch < SHORTEST_WATCH) throw Problem.of(Problem.Kind.INPUT, "checklist.watch.interval", watch);
        if (check || watch != null) return look(o);
        List<ChecklistItem> items;
        // Marking writes the journal: not while a run (or another mark) has it.
        try (JournalLock lock = mark != null ? Journal.lock(journal) : null) {
            Journal j = Journal.load(journal);
            items = j.checklist();
            if (items.isEmpty()) throw Problem.of(Problem.Kind.PRECONDITION, "checklist.none", journal);
            if (mark != null) {
                items = Checklist.mark(items, mark, status, by != null ? by : System.getProperty("user.name"),
                        Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), note);
                j.saveChecklist(items);
            }
        }
        for (ChecklistItem i : items) print(o, i);
        summary(o, items);
        o.flush();
        return 0;
    }

    private Integer look(PrintWriter o) {
        SshOptions options = options(Journal.load(journal).inputs());
        SshConnector connector = new SshConnector(prompter);
        Map<String, ChecklistItem> shown = new HashMap<>();
        List<ChecklistItem> items;
        while (true) {
            items = LiveChecklist.refresh(journal, connector, options);
            o.println((shown.isEmpty() ? "looked at " : "looked again at ") + LiveChecklist.of(Journal.load(journal)).target().display() + ", "
                    + Instant.now().truncatedTo(ChronoUnit.SECONDS));
            for (ChecklistItem i : items) {
                ChecklistItem was = shown.get(i.id());
                if (was == null) print(o, i);
                else if (!Objects.equals(was.status(), i.status()) || !Objects.equals(was.evidence(), i.evidence())) {
                    o.print(Objects.equals(was.status(), i.status()) ? "" : was.status() + " \u2192 ");
                    print(o, i);
                }
                shown.put(i.id(), i);
            }
            items.stream().filter(i -> i.samples() != null && !i.samples().isEmpty()).findFirst()
                    .ifPresent(i -> o.println("clone progress " + new CloneProgress(i.samples()).bar(30) + "  " + i.samples().get(i.samples().size() - 1).done()
                            + " of " + i.samples().get(i.samples().size() - 1).total()));
            boolean pending = items.stream().anyMatch(ChecklistItem::pending);
            o.flush();
            if (watch == null || !pending) break;
            o.println("pending: " + String.join(", ", items.stream().filter(ChecklistItem::pending).map(ChecklistItem::id).toList())
                    + "; next look in " + watch + " s (Ctrl-C stops; the journal keeps what was seen)");
            o.flush();
            try {
                Thread.sleep(watch * 1000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw Problem.of(Problem.Kind.CANCELLED, "job.cancelled");
            }
        }
        summary(o, items);
        o.flush();
        List<ChecklistItem> failed = items.stream().filter(ChecklistItem::failed).toList();
        if (!failed.isEmpty()) throw Problem.of(Problem.Kind.PRECONDITION, "checklist.failed", failed.size(), failed.get(0).id() + ": " + failed.get(0).evidence());
        return 0;
    }

    /** The options given, and where none is given, the key file and known_hosts the run used (paths only; never a secret). */
    private SshOptions options(Map<String, String> inputs) {
        SshOptions s = connection.toSshOptions();
        if (connection.identity == null && inputs.containsKey("identity") && Files.isRegularFile(Path.of(inputs.get("identity")))) {
            s = s.withIdentity(Path.of(inputs.get("identity")));
        }
        if (connection.knownHosts == null && inputs.containsKey("knownHosts") && Files.isRegularFile(Path.of(inputs.get("knownHosts")))) {
            s = s.withKnownHosts(Path.of(inputs.get("knownHosts")));
        }
        return s;
    }

    private static void print(PrintWriter o, ChecklistItem i) {
        o.printf("%-8s %-20s %s%s%n", i.status(), i.id(), i.title(),
                i.manual() ? (i.by() != null ? "  [" + i.by() + " " + i.at() + (i.note() != null ? ": " + i.note() : "") + "]" : "")
                        : "  [" + i.evidence() + "]");
        if (i.manual() && i.evidence() != null && i.by() == null) o.println("         " + i.evidence());
        if (i.good() != null && (i.manual() || !"PASS".equals(i.status()))) o.println("         good: " + i.good());
        if (i.link() != null) o.println("         open: " + i.link());
    }

    private static void summary(PrintWriter o, List<ChecklistItem> items) {
        long open = items.stream().filter(i -> i.manual() && i.status().equals("TODO")).count();
        long failed = items.stream().filter(ChecklistItem::failed).count();
        long pending = items.stream().filter(ChecklistItem::pending).count();
        o.println((failed > 0 ? failed + " item(s) FAILED; " : "") + (pending > 0 ? pending + " pending; " : "")
                + (open == 0 ? "every item is decided" : open + " manual item(s) still to confirm"));
    }
}
