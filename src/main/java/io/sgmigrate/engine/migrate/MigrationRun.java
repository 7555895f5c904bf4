package io.sgmigrate.engine.migrate;

import io.sgmigrate.engine.journal.Journal;

/** What a front drives, whatever the dumps come from: {@link DockerToCompose}, {@link ComposeToCompose} or {@link PayloadLoad}. */
public interface MigrationRun {
    /** Runs (or resumes, when the journal holds finished steps); returns the verification result. */
    Verification run(Journal journal);

    /** Connects, runs the read-only pre-flight and returns every command the run would send, changing nothing. */
    Plan dryRun();

    /** See {@link Migration#cancel}. */
    void cancel();
}
