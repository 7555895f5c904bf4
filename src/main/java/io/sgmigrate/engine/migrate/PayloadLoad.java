package io.sgmigrate.engine.migrate;

import io.sgmigrate.engine.journal.Journal;
import io.sgmigrate.engine.prompt.Prompter;
import io.sgmigrate.engine.report.Report;

/**
 * A customer's payload into a Docker Compose deployment: the {@link Migration} pipeline from a payload file here
 * ({@link PayloadFileSource}: decrypted in memory, never written in plain) to the new host's Compose deployment.
 */
public final class PayloadLoad implements MigrationRun {
    private final Migration pipeline;

    public PayloadLoad(LoadSettings settings, Prompter prompter, MigrationListener listener) {
        this.pipeline = new Migration(new PayloadFileSource(settings.payload(), settings.keys(), settings.firstReading()), settings.target(), null,
                settings.configure().orElse(null), prompter, listener);
    }

    @Override
    public void cancel() {
        pipeline.cancel();
    }

    @Override
    public Verification run(Journal journal) {
        return pipeline.run(journal);
    }

    @Override
    public Plan dryRun() {
        return pipeline.dryRun();
    }

    public static Report report(Journal journal) {
        return Migration.report(journal);
    }
}
