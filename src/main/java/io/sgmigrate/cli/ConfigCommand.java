package io.sgmigrate.cli;

import io.sgmigrate.engine.migrate.ConfigRestore;
import io.sgmigrate.engine.ssh.SshAddress;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "config", mixinStandardHelpOptions = true,
        description = "An instance's configuration (site config, global settings, code hosts) from a payload.",
        subcommands = ConfigCommand.Restore.class)
final class ConfigCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "restore", mixinStandardHelpOptions = true,
            description = {"Puts the configuration of a payload (payload create --config-only, or any payload sgmigrate made) into a",
                    "Docker Compose instance: the difference first, by meaning, values as fingerprints; then, after a typed",
                    "confirmation, a new site config row, a new global settings row, code hosts added or updated by display name."})
    static final class Restore implements Callable<Integer> {
        private final TerminalPrompter prompter;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE", description = "The payload.")
        Path file;

        @Option(names = "--target", required = true, paramLabel = "ssh://USER@HOST[:PORT]", description = "The new instance's host.")
        String target;

        @Option(names = "--compose-dir", required = true, paramLabel = "PATH", description = "Its docker-compose folder.")
        String composeDir;

        @Mixin
        KeyOptions keys;

        @Option(names = "--confirm-host", paramLabel = "NAME", description = "Confirm without a terminal: the host name you would type.")
        String confirmHost;

        @Option(names = "--dry-run", description = "Show the difference only; write nothing.")
        boolean dryRun;

        @Mixin
        VerboseOption verbose;

        @ArgGroup(validate = false, heading = "%nConnection:%n")
        ConnectionOptions connection = new ConnectionOptions();

        Restore(TerminalPrompter prompter) {
            this.prompter = prompter;
        }

        @Override
        public Integer call() {
            verbose.apply();
            PrintWriter out = spec.commandLine().getOut();
            try (KeyOptions held = keys) {
                ConfigRestore r = new ConfigRestore(new ConfigRestore.Settings(file, keys.keys(prompter), SshAddress.parse(target), connection.toSshOptions(),
                        composeDir, Optional.ofNullable(confirmHost)), prompter);
                if (dryRun) {
                    show(out, r.difference());
                    out.println("Dry run: nothing was written.");
                    out.flush();
                    return 0;
                }
                List<String> done = r.restore(d -> show(out, d));
                out.println("Written:");
                for (String l : done) out.println("  " + l);
                out.flush();
                return 0;
            }
        }

        private static void show(PrintWriter out, ConfigRestore.Difference d) {
            out.println("The payload's configuration against the instance's (values as fingerprints):");
            for (String l : d.lines()) out.println("  " + l);
            for (String l : d.refused()) out.println("  REFUSED: " + l);
            out.flush();
        }
    }
}
