package io.sgmigrate.engine.migrate;

import io.sgmigrate.engine.journal.Journal;

/** A {@link Migration} pipeline with its two ends chosen: what {@link DockerToCompose}, {@link ComposeToCompose} and {@link PayloadLoad} are. */
abstract class PipelineRun implements MigrationRun {
    private final Migration pipeline;

    PipelineRun(Migration pipeline) {
        this.pipeline = pipeline;
    }

    /** See {@link Migration#cancel}. */
    @Override
    public void cancel() {
        pipeline.cancel();
    }

    /** Runs (or resumes, when the journal holds finished steps) the migration; returns the verification result. */
    @Override
    public Verification run(Journal journal) {
        return pipeline.run(journal);
    }

    /** Connects, runs the read-only pre-flight and returns every command the run would send, changing nothing. */
    @Override
    public Plan dryRun() {
        return pipeline.dryRun();
    }
}
