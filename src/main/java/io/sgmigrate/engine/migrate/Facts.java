package io.sgmigrate.engine.migrate;

import io.sgmigrate.engine.payload.Compression;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What pre-flight learned about both hosts, kept in the journal so a resumed run acts on the same facts.
 * Only plain, non-secret values.
 */
record Facts(String container, String sourceVersion, String targetVersion, List<String> databases, String dbOnlyFile,
             List<String> compose, String stagingDir, String payloadPath, long estimatedBytes, boolean targetFresh,
             boolean sourceSudo, boolean targetSudo, String targetUnpacks, String sourcePacks, String composeDir,
             List<String> services, String restoreOptions, boolean stagedHere) {

    /** Facts of a payload staged on the new host ({@link #stagedHere} false: journals from before, tests). */
    Facts(String container, String sourceVersion, String targetVersion, List<String> databases, String dbOnlyFile,
          List<String> compose, String stagingDir, String payloadPath, long estimatedBytes, boolean targetFresh,
          boolean sourceSudo, boolean targetSudo, String targetUnpacks, String sourcePacks, String composeDir,
          List<String> services, String restoreOptions) {
        this(container, sourceVersion, targetVersion, databases, dbOnlyFile, compose, stagingDir, payloadPath, estimatedBytes, targetFresh,
                sourceSudo, targetSudo, targetUnpacks, sourcePacks, composeDir, services, restoreOptions, false);
    }

    /** Facts without restore session settings (journals from before pre-flight sized them, tests). */
    Facts(String container, String sourceVersion, String targetVersion, List<String> databases, String dbOnlyFile,
          List<String> compose, String stagingDir, String payloadPath, long estimatedBytes, boolean targetFresh,
          boolean sourceSudo, boolean targetSudo, String targetUnpacks, String sourcePacks, String composeDir, List<String> services) {
        this(container, sourceVersion, targetVersion, databases, dbOnlyFile, compose, stagingDir, payloadPath, estimatedBytes, targetFresh,
                sourceSudo, targetSudo, targetUnpacks, sourcePacks, composeDir, services, "");
    }

    /** A database of the Compose deployment: its container, the superuser the deployment gives it, and its name. */
    record Target(String container, String user, String database) {
        Postgres postgres() {
            return new Postgres(container, user);
        }

        /** Where to connect to drop or rename this database: never the database itself. */
        String adminDatabase() {
            return database.equals("postgres") ? "template1" : "postgres";
        }
    }

    static final Target FRONTEND = new Target("pgsql", "sg", "sg");
    static final Target CODEINTEL = new Target("codeintel-db", "sg", "sg");
    static final Target CODEINSIGHTS = new Target("codeinsights-db", "postgres", "postgres");
    static final List<Target> TARGETS = List.of(FRONTEND, CODEINTEL, CODEINSIGHTS);

    /** Where each single-container database goes: code intel (3.21+) and code insights have their own containers. */
    static Target target(String sourceDatabase) {
        if (sourceDatabase.endsWith("-codeintel")) return CODEINTEL;
        if (sourceDatabase.endsWith("-codeinsights")) return CODEINSIGHTS;
        return FRONTEND;
    }

    static String targetContainer(String sourceDatabase) {
        return target(sourceDatabase).container();
    }

    /** The deployment's database services (the ones a restore needs running). */
    List<String> databaseServices() {
        return TARGETS.stream().map(Target::container).filter(services::contains).toList();
    }

    /** Every other service: stopped while the databases are replaced, so nothing writes to them. */
    List<String> applicationServices() {
        return services.stream().filter(x -> TARGETS.stream().noneMatch(t -> t.container().equals(x))).toList();
    }

    /** A file of the deployment, by its canonical folder. */
    String composeFile(String name) {
        return composeDir + "/" + name;
    }

    static String member(String sourceDatabase) {
        return "dumps/" + sourceDatabase + ".sql";
    }

    /** Onto a fresh new host the restore runs while the dump streams in (see {@link Step#order}). */
    boolean restoreWhileStreaming() {
        return targetFresh;
    }

    /**
     * Whether the dumps cross to psql on the new host as the payload's compressed parts, unpacked there by
     * {@code gzip -dc} or {@code zstd -dc}: only when pre-flight found that tool for this compression.
     */
    boolean packedRestore(Compression c) {
        return c != Compression.NONE && c.name().equalsIgnoreCase(targetUnpacks);
    }

    /** Whether pg_dump's output is compressed on the old host by {@code zstd -1} before it crosses: when pre-flight found zstd there. */
    boolean packedDump(Compression c) {
        return c != Compression.NONE && "zstd".equals(sourcePacks);
    }

    /** The source's half alone, for a run without a new host (a payload written here). */
    static Facts ofSource(Preflight.Offer o) {
        return new Facts(o.container(), o.version().map(Object::toString).orElse(""), "", o.databases(), "", List.of(), "", "",
                o.estimatedBytes(), false, o.sudo(), false, "", o.packs(), null, List.of());
    }

    Facts withoutUnpacking() {
        return new Facts(container, sourceVersion, targetVersion, databases, dbOnlyFile, compose, stagingDir, payloadPath, estimatedBytes,
                targetFresh, sourceSudo, targetSudo, "", sourcePacks, composeDir, services, restoreOptions, stagedHere);
    }

    /** Journals from before the canonical compose folder was recorded: the folder as given now. */
    Facts orComposeDir(String given) {
        return composeDir != null ? this : new Facts(container, sourceVersion, targetVersion, databases, dbOnlyFile, compose, stagingDir, payloadPath,
                estimatedBytes, targetFresh, sourceSudo, targetSudo, targetUnpacks, sourcePacks, given, services, restoreOptions, stagedHere);
    }

    Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("container", container);
        m.put("sourceVersion", sourceVersion);
        m.put("targetVersion", targetVersion);
        m.put("databases", String.join(",", databases));
        m.put("dbOnlyFile", dbOnlyFile);
        m.put("compose", String.join(" ", compose));
        m.put("stagingDir", stagingDir);
        m.put("payloadPath", payloadPath);
        m.put("estimatedBytes", Long.toString(estimatedBytes));
        m.put("targetFresh", Boolean.toString(targetFresh));
        m.put("sourceSudo", Boolean.toString(sourceSudo));
        m.put("targetSudo", Boolean.toString(targetSudo));
        m.put("targetUnpacks", targetUnpacks);
        m.put("sourcePacks", sourcePacks);
        m.put("composeDir", composeDir);
        m.put("services", String.join(",", services));
        m.put("restoreOptions", restoreOptions);
        m.put("stagedHere", Boolean.toString(stagedHere));
        return m;
    }

    static Facts fromMap(Map<String, String> m) {
        return new Facts(m.get("container"), m.get("sourceVersion"), m.get("targetVersion"), List.of(m.get("databases").split(",")),
                m.get("dbOnlyFile"), List.of(m.get("compose").split(" ")), m.get("stagingDir"), m.get("payloadPath"),
                Long.parseLong(m.get("estimatedBytes")), Boolean.parseBoolean(m.get("targetFresh")),
                Boolean.parseBoolean(m.get("sourceSudo")), Boolean.parseBoolean(m.get("targetSudo")), m.getOrDefault("targetUnpacks", ""),
                m.getOrDefault("sourcePacks", ""), m.get("composeDir"),
                m.containsKey("services") ? List.of(m.get("services").split(",")) : List.of("pgsql", "codeintel-db", "sourcegraph-frontend-0"),
                m.getOrDefault("restoreOptions", ""), Boolean.parseBoolean(m.getOrDefault("stagedHere", "false")));
    }
}
