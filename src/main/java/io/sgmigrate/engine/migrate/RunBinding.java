package io.sgmigrate.engine.migrate;

import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.journal.Journal;
import io.sgmigrate.engine.ssh.SshAddress;
import io.sgmigrate.engine.ssh.SshConnection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a journal belongs to: the old host (or the payload file) and the new host (by address and by the host key seen when the run first
 * connected), the compose folder, the staging folder and the container. Recorded as the connect step's outputs;
 * a resume that differs in any of them is refused before a single step runs, naming each difference, because the
 * journal's pre-flight and typed confirmation were about those hosts and folders, not the ones given now.
 */
final class RunBinding {
    static final String SOURCE = "source";
    static final String TARGET = "target";
    static final String COMPOSE_DIR = "composeDir";
    static final String STAGING_DIR = "stagingDir";
    static final String CONTAINER = "container";
    static final String SOURCE_KEY = "sourceHostKey";
    static final String SOURCE_COMPOSE_DIR = "sourceComposeDir";
    static final String TARGET_KEY = "targetHostKey";
    static final String PAYLOAD = "payload";
    static final String PAYLOAD_SHA256 = "payloadSha256";

    private RunBinding() {}

    /** What this run is, as it would be recorded. */
    static Map<String, String> of(MigrationSettings s, SshConnection source, SshConnection target) {
        Map<String, String> m = new LinkedHashMap<>(source(s, source));
        m.putAll(target(s.targetSettings(), target));
        return m;
    }

    /** The old host's part: its address, the container and the host key it showed. */
    static Map<String, String> source(MigrationSettings s, SshConnection source) {
        return source(s.source(), s.container(), source);
    }

    static Map<String, String> source(SshAddress address, java.util.Optional<String> container, SshConnection source) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(SOURCE, address.display());
        m.put(CONTAINER, container.orElse(""));
        m.put(SOURCE_KEY, source.hostKeyFingerprint());
        return m;
    }

    /** The new host's part: its address, compose and staging folders, and the host key it showed. */
    static Map<String, String> target(TargetSettings s, SshConnection target) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(TARGET, s.target().display());
        m.put(COMPOSE_DIR, normal(s.composeDir()));
        m.put(STAGING_DIR, s.stagingDir().map(RunBinding::normal).orElse(""));
        m.put(TARGET_KEY, target.hostKeyFingerprint());
        return m;
    }

    /**
     * The recorded binding of a journal, or empty for a new run. Journals written before bindings were recorded
     * still name their addresses and compose folder in their inputs; those are compared, and the keys taken as now.
     */
    static Map<String, String> recorded(Journal journal) {
        Map<String, String> connect = journal.outputs(Step.CONNECT.id());
        if (connect.containsKey(TARGET_KEY)) return connect;
        if (journal.steps().isEmpty()) return Map.of();
        Map<String, String> in = journal.inputs();
        Map<String, String> m = new LinkedHashMap<>();
        if (in.containsKey(SOURCE)) m.put(SOURCE, in.get(SOURCE));
        if (in.containsKey(TARGET)) m.put(TARGET, in.get(TARGET));
        if (in.containsKey(COMPOSE_DIR)) m.put(COMPOSE_DIR, normal(in.get(COMPOSE_DIR)));
        return m;
    }

    /**
     * Every way {@code now} differs from {@code then}, as "what: then \u2192 now". Addresses are compared as displayed
     * ({@code ssh://user@host:port}); a compose folder given another way that resolves to the recorded canonical one is the same.
     */
    static List<String> differences(Map<String, String> then, Map<String, String> now, String canonicalThen, String canonicalNow) {
        List<String> out = new ArrayList<>();
        for (String k : List.of(SOURCE, SOURCE_COMPOSE_DIR, PAYLOAD, PAYLOAD_SHA256, TARGET, COMPOSE_DIR, STAGING_DIR, CONTAINER, SOURCE_KEY, TARGET_KEY)) {
            if (!then.containsKey(k)) continue;
            String a = then.get(k);
            String b = now.getOrDefault(k, "");
            if (a.equals(b)) continue;
            if (k.equals(COMPOSE_DIR) && canonicalThen != null && canonicalThen.equals(canonicalNow)) continue;
            out.add(label(k) + " " + shown(a) + " \u2192 " + shown(b));
        }
        return out;
    }

    static Problem refused(Journal journal, List<String> differences) {
        boolean keys = differences.stream().anyMatch(d -> d.startsWith("host key"));
        return Problem.of(keys ? Problem.Kind.HOST_KEY : Problem.Kind.INPUT, "migrate.resume.differs", String.join("; ", differences), journal.file());
    }

    private static String label(String k) {
        return switch (k) {
            case SOURCE -> "old host";
            case TARGET -> "new host";
            case COMPOSE_DIR -> "compose folder";
            case SOURCE_COMPOSE_DIR -> "old host's compose folder";
            case STAGING_DIR -> "staging folder";
            case CONTAINER -> "container";
            case SOURCE_KEY -> "host key of the old host";
            case PAYLOAD -> "payload file";
            case PAYLOAD_SHA256 -> "payload file's SHA-256";
            default -> "host key of the new host";
        };
    }

    private static String shown(String v) {
        return v.isEmpty() ? "(default)" : v;
    }

    /** A folder as typed, without trailing slashes. */
    static String normal(String dir) {
        String d = dir.strip();
        while (d.length() > 1 && d.endsWith("/")) d = d.substring(0, d.length() - 1);
        return d;
    }
}
