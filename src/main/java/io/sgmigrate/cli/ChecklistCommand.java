package io.sgmigrate.cli;

import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.journal.Journal;
import io.sgmigrate.engine.journal.JournalLock;
import io.sgmigrate.engine.verify.Checklist;
import io.sgmigrate.engine.verify.ChecklistItem;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "checklist", mixinStandardHelpOptions = true,
        description = {"Lists the after-migration checklist kept in a journal, or marks one of its manual items."})
final class ChecklistCommand implements Callable<Integer> {
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

    @Override
    @SuppressWarnings("try") // the lock is held, not used
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
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
        for (ChecklistItem i : items) {
            o.printf("%-8s %-20s %s%s%n", i.status(), i.id(), i.title(),
                    i.manual() ? (i.by() != null ? "  [" + i.by() + " " + i.at() + (i.note() != null ? ": " + i.note() : "") + "]" : "")
                            : "  [" + i.evidence() + "]");
        }
        long open = items.stream().filter(i -> i.manual() && i.status().equals("TODO")).count();
        o.println(open == 0 ? "every item is decided" : open + " manual item(s) still to confirm");
        o.flush();
        return 0;
    }
}
