package io.sgmigrate.engine.migrate;

import io.sgmigrate.engine.journal.Journal;
import io.sgmigrate.engine.prompt.Prompter;
import io.sgmigrate.engine.report.Report;

/**
 * The single-container to Docker Compose migration: the {@link Migration} pipeline from the old host's
 * {@code sourcegraph/server} container ({@link SingleContainerSource}), through a payload staged on the new host,
 * to its Compose deployment. The old host is only read.
 */
public final class DockerToCompose extends PipelineRun {
    public DockerToCompose(MigrationSettings settings, Prompter prompter, MigrationListener listener) {
        super(new Migration(new SingleContainerSource(settings), settings.targetSettings(), PayloadSettings.of(settings), null, prompter, listener));
    }

    /** The report of a run from what its journal and the files beside it recorded (any step may be missing). */
    public static Report report(Journal journal) {
        return Migration.report(journal);
    }
}
