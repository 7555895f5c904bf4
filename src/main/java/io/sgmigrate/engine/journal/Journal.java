package io.sgmigrate.engine.journal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sgmigrate.engine.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The record of one run: its inputs and, per step, state, timings and outputs (sizes, checksums, paths).
 * Saved after every change by writing a new temporary file, syncing it and renaming it over the old one, so a
 * killed process leaves either the previous or the new journal, never half of one. Writers hold {@link #lock}, so
 * two processes never act on one journal at once. It never holds secrets:
 * values are plain strings chosen by the engine, and no API takes a {@link io.sgmigrate.engine.secret.Secret}.
 */
public final class Journal {
    public enum State { PENDING, RUNNING, DONE, FAILED }

    /** The journal format this version writes and the only one it reads. */
    public static final int FORMAT = 1;

    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Step {
        public String id;
        public State state = State.PENDING;
        public String startedAt;
        public String finishedAt;
        public String error;
        public Map<String, String> outputs = new LinkedHashMap<>();

        Step() {}

        Step(String id) {
            this.id = id;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Data {
        public int format = FORMAT;
        public String runId;
        public String createdAt;
        public Map<String, String> inputs = new LinkedHashMap<>();
        public List<Step> steps = new ArrayList<>();
        public List<io.sgmigrate.engine.verify.ChecklistItem> checklist;
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Path file;
    private final Data data;

    private Journal(Path file, Data data) {
        this.file = file;
        this.data = data;
    }

    /**
     * Exclusive use of {@code journal} for as long as the lock is open: hold it around every load-change-save, and for
     * the life of a run. Throws {@code journal.locked} when another process or another lock in this JVM holds it.
     */
    public static JournalLock lock(Path journal) {
        return JournalLock.acquire(journal);
    }

    /** A new journal at {@code file}, which must not exist yet (resuming is {@link #load}); hold its {@link #lock} first. */
    public static Journal create(Path file, String runId, Map<String, String> inputs) {
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) throw Problem.of(Problem.Kind.INPUT, "journal.exists", file);
        Data d = new Data();
        d.runId = runId;
        d.createdAt = Instant.now().toString();
        d.inputs.putAll(inputs);
        Journal j = new Journal(file, d);
        j.save();
        return j;
    }

    public static Journal load(Path file) {
        try {
            Data d = JSON.readValue(Files.readAllBytes(file), Data.class);
            if (d == null) throw Problem.of(Problem.Kind.INPUT, "journal.malformed", file, "it holds null");
            if (d.format != FORMAT) throw Problem.of(Problem.Kind.INPUT, "journal.format", file, String.valueOf(d.format));
            String why = invalid(d);
            if (why != null) throw Problem.of(Problem.Kind.INPUT, "journal.malformed", file, why);
            return new Journal(file, d);
        } catch (NoSuchFileException e) {
            throw Problem.of(Problem.Kind.INPUT, "journal.missing", file);
        } catch (JsonProcessingException e) {
            throw Problem.of(Problem.Kind.INPUT, "journal.malformed", file, e.getOriginalMessage()).causedBy(e);
        } catch (IOException e) {
            throw Problem.of(Problem.Kind.INPUT, "journal.unreadable", file).causedBy(e);
        }
    }

    public Path file() {
        return file;
    }

    public String runId() {
        return data.runId;
    }

    public Map<String, String> inputs() {
        return Map.copyOf(data.inputs);
    }

    public synchronized Optional<Step> step(String id) {
        return data.steps.stream().filter(s -> s.id.equals(id)).findFirst();
    }

    public synchronized boolean isDone(String id) {
        return step(id).map(s -> s.state == State.DONE).orElse(false);
    }

    public synchronized Map<String, String> outputs(String id) {
        return step(id).map(s -> Map.copyOf(s.outputs)).orElse(Map.of());
    }

    public synchronized void started(String id) {
        Step s = stepOrNew(id);
        if (s.state == State.DONE) throw new IllegalStateException("step " + id + " already done");
        s.state = State.RUNNING;
        s.startedAt = Instant.now().toString();
        s.finishedAt = null;
        s.error = null;
        save();
    }

    public synchronized void done(String id, Map<String, String> outputs) {
        Step s = stepOrNew(id);
        s.state = State.DONE;
        s.finishedAt = Instant.now().toString();
        s.outputs.putAll(outputs);
        save();
    }

    public synchronized void failed(String id, String oneLine) {
        Step s = stepOrNew(id);
        s.state = State.FAILED;
        s.finishedAt = Instant.now().toString();
        s.error = oneLine;
        save();
    }

    /** Forgets a step's result, so it runs again (a staged payload that no longer matches is sent again). */
    public synchronized void reset(String id) {
        step(id).ifPresent(s -> {
            s.state = State.PENDING;
            s.outputs.clear();
            s.error = null;
            save();
        });
    }

    /** The after-migration checklist, empty until a verification made one. */
    public synchronized List<io.sgmigrate.engine.verify.ChecklistItem> checklist() {
        return data.checklist == null ? List.of() : List.copyOf(data.checklist);
    }

    public synchronized void saveChecklist(List<io.sgmigrate.engine.verify.ChecklistItem> items) {
        data.checklist = new ArrayList<>(items);
        save();
    }

    /** The first step that is not done, in the order steps were first recorded. */
    public synchronized Optional<String> firstUnfinished() {
        return data.steps.stream().filter(s -> s.state != State.DONE).map(s -> s.id).findFirst();
    }

    public synchronized List<Step> steps() {
        return List.copyOf(data.steps);
    }

    private Step stepOrNew(String id) {
        return step(id).orElseGet(() -> {
            Step s = new Step(id);
            data.steps.add(s);
            return s;
        });
    }

    private void save() {
        try {
            PrivateFiles.write(file, JSON.writeValueAsBytes(data));
        } catch (IOException e) {
            throw Problem.of(Problem.Kind.PRECONDITION, "journal.unwritable", file).causedBy(e);
        }
    }

    /** Why {@code d} cannot be acted on, or null: what Jackson lets through (nulls, missing ids) that would fail later. */
    private static String invalid(Data d) {
        if (d.inputs == null) return "inputs is null";
        for (Map.Entry<String, String> e : d.inputs.entrySet()) {
            if (e.getValue() == null) return "input " + e.getKey() + " is null";
        }
        if (d.steps == null) return "steps is null";
        for (Step s : d.steps) {
            if (s == null) return "a step is null";
            if (s.id == null) return "a step has no id";
            if (s.state == null) return "step " + s.id + " has no state";
            if (s.outputs == null) return "step " + s.id + " has outputs null";
            for (Map.Entry<String, String> e : s.outputs.entrySet()) {
                if (e.getValue() == null) return "output " + e.getKey() + " of step " + s.id + " is null";
            }
        }
        if (d.checklist != null) {
            for (io.sgmigrate.engine.verify.ChecklistItem i : d.checklist) {
                if (i == null) return "a checklist item is null";
                if (i.id() == null || i.status() == null) return "a checklist item has no id or status";
            }
        }
        return null;
    }
}
