package io.sgmigrate.cli;

import io.sgmigrate.engine.migrate.ComposeToCompose;
import io.sgmigrate.engine.migrate.MigrationRun;
import io.sgmigrate.engine.migrate.MigrationSettings;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "compose-to-compose", mixinStandardHelpOptions = true,
        description = {"Moves a Docker Compose deployment to another host's Docker Compose deployment (every database, code insights",
                "included), by the same pipeline and safety rule as docker-to-compose. The old host is only read.",
                "Exit 0 only when the move completed and its verification passed."})
final class ComposeToComposeCommand extends MigrateCommand {
    @Option(names = "--source-compose-dir", required = true, paramLabel = "PATH", description = "The docker-compose folder the old deployment runs from, on the old host.")
    String sourceComposeDir;

    ComposeToComposeCommand(TerminalPrompter prompter) {
        super(prompter);
    }

    @Override
    Optional<String> container() {
        return Optional.empty();
    }

    @Override
    MigrationRun migration(MigrationSettings settings, Printer printer) {
        return new ComposeToCompose(settings, sourceComposeDir, prompter, printer);
    }

    @Override
    Map<String, String> sourceInputs() {
        return Map.of("sourceComposeDir", sourceComposeDir);
    }
}
