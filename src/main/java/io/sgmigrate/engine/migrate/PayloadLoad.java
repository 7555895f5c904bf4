package io.sgmigrate.engine.migrate;

import io.sgmigrate.engine.journal.Journal;
import io.sgmigrate.engine.prompt.Prompter;
import io.sgmigrate.engine.report.Report;

/**
 * A customer's payload into a Docker Compose deployment: the {@link Migration} pipeline from a payload file here
 * ({@link PayloadFileSource}: decrypted in memory, never written in plain) to the new host's Compose deployment.
 */
public final class PayloadLoad extends PipelineRun {
    public PayloadLoad(LoadSettings settings, Prompter prompter, MigrationListener listener) {
        super(new Migration(new PayloadFileSource(settings.payload(), settings.keys(), settings.firstReading()), settings.target(), null,
                settings.configure().orElse(null), prompter, listener));
    }

    public static Report report(Journal journal) {
        return Migration.report(journal);
    }
}
