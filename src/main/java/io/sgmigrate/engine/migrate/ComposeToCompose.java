package io.sgmigrate.engine.migrate;

import io.sgmigrate.engine.prompt.Prompter;

/**
 * A Docker Compose deployment moved to another host's: the {@link Migration} pipeline from the old host's Compose
 * databases ({@link ComposeSource}), through a payload staged on the new host, to its Compose deployment. The old host
 * is only read; every database it runs moves, code insights included.
 */
public final class ComposeToCompose extends PipelineRun {
    public ComposeToCompose(MigrationSettings settings, String sourceComposeDir, Prompter prompter, MigrationListener listener) {
        super(new Migration(new ComposeSource(settings.source(), sourceComposeDir, settings.compression()), settings.targetSettings(),
                PayloadSettings.of(settings), null, prompter, listener));
    }
}
