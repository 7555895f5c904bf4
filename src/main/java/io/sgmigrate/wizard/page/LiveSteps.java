package io.sgmigrate.wizard.page;

import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.migrate.Check;
import io.sgmigrate.engine.migrate.MigrationListener;
import io.sgmigrate.engine.migrate.Step;
import io.sgmigrate.engine.progress.TransferMeter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;

/**
 * What a run tells the wizard, shown: steps on the checklist with how long each took, one progress bar with bytes,
 * speed and time left (at most one screen update pending, so the worker never waits for the screen), and the live log.
 * Called on the worker thread; everything it shows is handed to the FX thread.
 */
final class LiveSteps implements MigrationListener {
    private final StepChecklist steps;
    private final ObservableList<String> log;
    private final ProgressBar bar;
    private final Label progress;
    private final boolean checksInLog;
    private final AtomicBoolean queued = new AtomicBoolean();
    private final Map<Step, Long> startedAt = new ConcurrentHashMap<>();
    private final Set<Step> progressed = ConcurrentHashMap.newKeySet();

    /** {@code checksInLog}: pre-flight's checks go to the log too (a run whose pre-flight has no page of its own in the flow). */
    LiveSteps(StepChecklist steps, ObservableList<String> log, ProgressBar bar, Label progress, boolean checksInLog) {
        this.steps = steps;
        this.log = log;
        this.bar = bar;
        this.progress = progress;
        this.checksInLog = checksInLog;
    }

    @Override
    public void planned(List<Step> order) {
        Platform.runLater(() -> steps.layout(order));
    }

    @Override
    public void stepStarted(Step step) {
        startedAt.put(step, System.nanoTime());
        Platform.runLater(() -> {
            steps.mark(step, "RUNNING", null);
            log.add("\u25B6 " + step.title());
        });
    }

    @Override
    public void stepFinished(Step step, String summary) {
        Long t0 = startedAt.get(step);
        String took = t0 == null ? "" : String.format(java.util.Locale.ROOT, "%.1f s", (System.nanoTime() - t0) / 1e9);
        boolean moved = progressed.contains(step);
        Platform.runLater(() -> {
            steps.mark(step, "DONE", took);
            log.add("\u2714 " + step.title() + ": " + summary);
            if (moved) {
                bar.setProgress(1);
                progress.setText(step.title() + ": " + summary);
            }
        });
    }

    @Override
    public void stepSkipped(Step step, String why) {
        Platform.runLater(() -> {
            steps.mark(step, "SKIPPED", why);
            log.add("\u21B7 " + step.title() + ": " + why);
        });
    }

    @Override
    public void stepFailed(Step step, Problem problem) {
        Platform.runLater(() -> {
            steps.mark(step, "FAILED", null);
            log.add("\u2716 " + step.title() + ": " + problem.what());
        });
    }

    @Override
    public void check(Check c) {
        if (checksInLog) Platform.runLater(() -> log.add(c.status() + "  " + c.name() + ": " + c.detail()));
    }

    @Override
    public void progress(Step step, TransferMeter meter) {
        progressed.add(step);
        if (!queued.compareAndSet(false, true)) return;
        double f = meter.fraction();
        String text = step.title() + ": " + meter.describe();
        Platform.runLater(() -> {
            queued.set(false);
            bar.setProgress(f < 0 ? ProgressBar.INDETERMINATE_PROGRESS : f);
            progress.setText(text);
        });
    }

    @Override
    public void log(String line) {
        Platform.runLater(() -> log.add(line));
    }
}
