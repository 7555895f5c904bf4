package io.sgmigrate.engine.migrate;

import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.progress.TransferMeter;

/** What a migration tells its front as it runs. Called on the worker thread: fronts hand over to their own thread. */
public interface MigrationListener {
    /** The steps this run takes, in order; told once pre-flight has decided it (before, assume {@link Step#order}(false)). */
    default void planned(java.util.List<Step> order) {}

    default void stepStarted(Step step) {}

    default void stepFinished(Step step, String summary) {}

    default void stepSkipped(Step step, String why) {}

    default void stepFailed(Step step, Problem problem) {}

    default void check(Check check) {}

    /** Bytes moved in a step with a known or estimated size; called often, fronts should throttle. */
    default void progress(Step step, TransferMeter meter) {}

    default void log(String line) {}

    /** The run stopped: what each host is left with (also the failure's detail), told before the failure is thrown. */
    default void stopped(String hostStates) {}
}
