package io.sgmigrate.engine.migrate;

import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.instance.LiveChecks;
import io.sgmigrate.engine.journal.Journal;
import io.sgmigrate.engine.journal.JournalLock;
import io.sgmigrate.engine.ssh.SshAddress;
import io.sgmigrate.engine.ssh.SshConnection;
import io.sgmigrate.engine.ssh.SshConnector;
import io.sgmigrate.engine.ssh.SshOptions;
import io.sgmigrate.engine.verify.Checklist;
import io.sgmigrate.engine.verify.ChecklistItem;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The checklist's live items, refreshed for a journal's run: on the new host that run used (the same host key), in its
 * deployment's folder, since its deployment started; what was seen is kept in the journal's checklist.
 */
public final class LiveChecklist {
    private LiveChecklist() {}

    /** Where and since when a journal's new instance runs, and the externalURL its run set (when it set one). */
    public record Where(SshAddress target, Optional<String> hostKey, String composeDir, Instant deployedAt, Optional<String> externalUrl) {}

    /** From a migration's, a load's or a verification's journal; a clear problem when it names no Compose deployment. */
    public static Where of(Journal j) {
        Map<String, String> in = j.inputs();
        String target = in.getOrDefault(RunBinding.TARGET, in.get("host"));
        String dir = j.outputs(Step.PREFLIGHT.id()).getOrDefault(RunBinding.COMPOSE_DIR, in.get(RunBinding.COMPOSE_DIR));
        if (target == null || dir == null || dir.isBlank()) throw Problem.of(Problem.Kind.PRECONDITION, "checklist.check.noDeployment", j.file());
        Optional<String> key = Optional.ofNullable(j.outputs(Step.CONNECT.id()).get(RunBinding.TARGET_KEY)).filter(k -> !k.isBlank());
        Instant started = j.step(Step.START_DEPLOYMENT.id()).map(s -> s.startedAt)
                .or(() -> j.step(Step.VERIFY.id()).map(s -> s.startedAt)).filter(s -> s != null)
                .map(Instant::parse).orElse(Instant.now().minus(1, ChronoUnit.HOURS));
        return new Where(SshAddress.parse(target), key, dir, started, Optional.ofNullable(in.get("externalURL")));
    }

    /** Connects to the journal's new host, looks, and keeps the result in the journal (locked only while it is written). */
    public static List<ChecklistItem> refresh(Path journalFile, SshConnector connector, SshOptions options) {
        Journal j = Journal.load(journalFile);
        if (j.checklist().isEmpty()) throw Problem.of(Problem.Kind.PRECONDITION, "checklist.none", journalFile);
        Where w = of(j);
        try (SshConnection host = connector.connect(w.target(), options)) {
            if (w.hostKey().isPresent() && !w.hostKey().get().equals(host.hostKeyFingerprint())) {
                throw Problem.of(Problem.Kind.HOST_KEY, "checklist.check.otherHost", w.target().display(), w.hostKey().get(), host.hostKeyFingerprint(), journalFile);
            }
            LiveChecks.Look look = new LiveChecks().look(target(host, w), j.checklist());
            try (JournalLock lock = Journal.lock(journalFile)) {
                Journal now = Journal.load(lock.journal());
                List<ChecklistItem> merged = Checklist.withLive(now.checklist(), look.items(), look.guides());
                now.saveChecklist(merged);
                return merged;
            }
        }
    }

    /** One look for a run that holds its journal and its connection to the new host (the end of its verification). */
    static void refresh(Journal journal, SshConnection host) {
        LiveChecks.Look look = new LiveChecks().look(target(host, of(journal)), journal.checklist());
        journal.saveChecklist(Checklist.withLive(journal.checklist(), look.items(), look.guides()));
    }

    private static LiveChecks.Target target(SshConnection host, Where w) {
        // Docker's log --since and the sync jobs compare to the start: a little before it, so nothing of the start is missed.
        return new LiveChecks.Target(host, w.composeDir(), w.deployedAt().minusSeconds(5), w.externalUrl());
    }
}
