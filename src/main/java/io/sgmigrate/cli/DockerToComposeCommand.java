package io.sgmigrate.cli;

import io.sgmigrate.engine.migrate.DockerToCompose;
import io.sgmigrate.engine.migrate.MigrationRun;
import io.sgmigrate.engine.migrate.MigrationSettings;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "docker-to-compose", mixinStandardHelpOptions = true,
        description = {"Migrates a single-container Sourcegraph (sourcegraph/server) to a Docker Compose deployment.",
                "The old host is only read. Exit 0 only when the migration completed and its verification passed."})
final class DockerToComposeCommand extends MigrateCommand {
    @Option(names = "--container", paramLabel = "ID|NAME", description = "The sourcegraph/server container (default: the one running).")
    String container;

    DockerToComposeCommand(TerminalPrompter prompter) {
        super(prompter);
    }

    @Override
    Optional<String> container() {
        return Optional.ofNullable(container);
    }

    @Override
    MigrationRun migration(MigrationSettings settings, Printer printer) {
        return new DockerToCompose(settings, prompter, printer);
    }

    @Override
    Map<String, String> sourceInputs() {
        return container == null ? Map.of() : Map.of("container", container);
    }
}
