package io.sgmigrate.engine.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The local two-host lab that {@code lab/up} writes to {@code lab/.state/lab.env}: where its hosts are,
 * which key and known_hosts log in to them. Used by the wizard's "rehearse on the local lab" and by lab tests.
 */
public record LabEnvironment(Path file, Map<String, String> values) {

    public static final String ENV_FILE_VARIABLE = "SGMIGRATE_LAB_ENV";

    /** {@code $SGMIGRATE_LAB_ENV}, else {@code lab/.state/lab.env} under the working directory, if it exists. */
    public static Optional<LabEnvironment> find() {
        String override = System.getenv(ENV_FILE_VARIABLE);
        Path p = override != null && !override.isBlank() ? Path.of(override) : Path.of("lab", ".state", "lab.env");
        return Files.isRegularFile(p) ? Optional.of(read(p)) : Optional.empty();
    }

    /** Reads KEY=VALUE lines; blank lines and # comments are ignored; surrounding quotes are removed. */
    public static LabEnvironment read(Path p) {
        Map<String, String> m = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(p)) {
                String s = line.strip();
                if (s.isEmpty() || s.startsWith("#")) continue;
                if (s.startsWith("export ")) s = s.substring(7).strip();
                int eq = s.indexOf('=');
                if (eq <= 0) continue;
                String v = s.substring(eq + 1).strip();
                if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
                    v = v.substring(1, v.length() - 1);
                }
                m.put(s.substring(0, eq).strip(), v);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + p, e);
        }
        return new LabEnvironment(p, Map.copyOf(m));
    }

    public String require(String key) {
        String v = values.get(key);
        if (v == null || v.isEmpty()) throw new IllegalStateException(file + " has no " + key + "; run lab/up again");
        return v;
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key)).filter(v -> !v.isEmpty());
    }

    public String source() {
        return require("LAB_SOURCE");
    }

    public String target() {
        return require("LAB_TARGET");
    }

    public Path identity() {
        return Path.of(require("LAB_IDENTITY"));
    }

    public Path knownHosts() {
        return Path.of(require("LAB_KNOWN_HOSTS"));
    }

    public String composeDir() {
        return require("LAB_COMPOSE_DIR");
    }

    public String version() {
        return require("LAB_VERSION");
    }

    public String targetVersion() {
        return get("LAB_TARGET_VERSION").orElse(version());
    }

    public String sourceContainer() {
        return get("LAB_SOURCE_CONTAINER").orElse("sourcegraph");
    }

    /** The old instance's databases, frontend first ("sourcegraph", and "sourcegraph-codeintel" from 3.21). */
    public java.util.List<String> sourceDatabases() {
        return java.util.List.of(get("LAB_SOURCE_DATABASES").orElse("sourcegraph").split(","));
    }

    public String sourceHostKeySha256() {
        return require("LAB_SOURCE_HOSTKEY_SHA256");
    }
}
