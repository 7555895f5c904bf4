package io.sgmigrate.cli;

import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.notice.MigrationNotice;
import io.sgmigrate.engine.ssh.SshAddress;
import io.sgmigrate.engine.ssh.SshConnection;
import io.sgmigrate.engine.ssh.SshConnector;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "notice", mixinStandardHelpOptions = true,
        description = {"The migration notice: a banner at the top of every page of the instance, not dismissible, in its global",
                "settings (a new settings row, comments and formatting kept). The only write sgmigrate makes to an instance it",
                "reads from, and only with add or remove."},
        subcommands = {NoticeCommand.Add.class, NoticeCommand.Remove.class, NoticeCommand.Show.class})
final class NoticeCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The instance and the notice: the flags the three share. */
    static final class Where {
        @Option(names = "--host", required = true, paramLabel = "ssh://USER@HOST[:PORT]", description = "The instance's host.")
        String host;

        @Option(names = "--container", paramLabel = "ID|NAME", description = "The sourcegraph/server container (default: the one running).")
        String container;

        @Option(names = "--compose-dir", paramLabel = "PATH", description = "Instead: the docker-compose folder of a Docker Compose deployment.")
        String composeDir;

        @Option(names = "--message", paramLabel = "TEXT", description = "The notice's text (default: sgmigrate's migration notice); remove takes out the notice with this text.")
        String message = MigrationNotice.DEFAULT_MESSAGE;

        @ArgGroup(validate = false, heading = "%nConnection:%n")
        ConnectionOptions connection = new ConnectionOptions();

        SshConnection connect(TerminalPrompter prompter) {
            if (container != null && composeDir != null) throw Problem.of(Problem.Kind.INPUT, "payload.create.bothSources");
            return new SshConnector(prompter).connect(SshAddress.parse(host), connection.toSshOptions());
        }

        MigrationNotice.Instance find(SshConnection c) {
            return MigrationNotice.find(c, Optional.ofNullable(container), Optional.ofNullable(composeDir));
        }

        /** The command that takes the notice out again, as the person would type it. */
        String removeCommand() {
            return MigrationNotice.removeCommand(host, Optional.ofNullable(container), Optional.ofNullable(composeDir), message);
        }
    }

    abstract static class Change implements Callable<Integer> {
        final TerminalPrompter prompter;

        Change(TerminalPrompter prompter) {
            this.prompter = prompter;
        }

        @Spec
        CommandSpec spec;

        @Mixin
        Where where;

        @Option(names = "--dry-run", description = "Write nothing; show the global settings as they would be.")
        boolean dryRun;

        @Mixin
        VerboseOption verbose;

        abstract MigrationNotice.Change change(MigrationNotice.Instance i);

        abstract String done(MigrationNotice.Instance i);

        @Override
        public Integer call() {
            verbose.apply();
            PrintWriter out = spec.commandLine().getOut();
            try (SshConnection c = where.connect(prompter)) {
                MigrationNotice.Instance i = where.find(c);
                MigrationNotice.Change ch = change(i);
                out.println("Instance: " + i.shown());
                out.println("Global settings in use: row " + ch.before().id());
                if (ch.unchanged() != null && !ch.unchanged().equals("dry run")) {
                    out.println("Nothing written: " + ch.unchanged() + ".");
                } else {
                    out.println("Notices before: " + String.join("; ", MigrationNotice.notices(ch.before().contents())));
                    out.println("Notices after:  " + String.join("; ", MigrationNotice.notices(ch.after())));
                    out.println(ch.written() ? done(i) + " (new global settings row " + ch.newRow() + "; earlier rows are kept as its history)."
                            : "Dry run: nothing written. The new global settings row would be:\n" + ch.after());
                }
                out.flush();
                return 0;
            }
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Adds the notice to the instance's global settings (a new row).")
    static final class Add extends Change {
        Add(TerminalPrompter prompter) {
            super(prompter);
        }

        @Override
        MigrationNotice.Change change(MigrationNotice.Instance i) {
            return MigrationNotice.add(i, where.message, dryRun);
        }

        @Override
        String done(MigrationNotice.Instance i) {
            return "Added the notice to " + i.shown() + ": the one write sgmigrate makes to an instance it reads from. Take it out with:\n  "
                    + where.removeCommand() + "\n";
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Takes exactly that notice out of the global settings again (a new row).")
    static final class Remove extends Change {
        Remove(TerminalPrompter prompter) {
            super(prompter);
        }

        @Override
        MigrationNotice.Change change(MigrationNotice.Instance i) {
            return MigrationNotice.remove(i, where.message, dryRun);
        }

        @Override
        String done(MigrationNotice.Instance i) {
            return "Took the notice out of " + i.shown();
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Shows the notices of the global settings in use; writes nothing.")
    static final class Show implements Callable<Integer> {
        private final TerminalPrompter prompter;

        Show(TerminalPrompter prompter) {
            this.prompter = prompter;
        }

        @Spec
        CommandSpec spec;

        @Mixin
        Where where;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (SshConnection c = where.connect(prompter)) {
                MigrationNotice.Instance i = where.find(c);
                MigrationNotice.Settings s = MigrationNotice.read(i);
                out.println("Instance: " + i.shown());
                out.println("Global settings in use: row " + s.id());
                out.println("Notices: " + (MigrationNotice.notices(s.contents()).isEmpty() ? "none" : String.join("; ", MigrationNotice.notices(s.contents()))));
                out.println("The migration notice: " + (MigrationNotice.present(s.contents(), where.message) ? "shown" : "not shown"));
                out.flush();
                return 0;
            }
        }
    }
}
