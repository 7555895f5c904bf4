package io.sgmigrate.engine.sourcegraph;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Sourcegraph release (major.minor.patch) and the facts that depend on it: which databases the single
 * container holds and what the DB-only compose file is called.
 */
public record SourcegraphVersion(int major, int minor, int patch) implements Comparable<SourcegraphVersion> {
    private static final Pattern VERSION = Pattern.compile("v?(\\d+)\\.(\\d+)(?:\\.(\\d+))?(?:[-+].*)?");
    /** The code-intel database moved out of the frontend database in 3.21. */
    public static final SourcegraphVersion CODEINTEL_DB = new SourcegraphVersion(3, 21, 0);
    /** deploy-sourcegraph-docker renamed pgsql-only-migrate to db-only-migrate (adding codeintel-db) for 3.25. */
    public static final SourcegraphVersion DB_ONLY_RENAME = new SourcegraphVersion(3, 25, 0);
    /** The last line with a published single-container image. */
    public static final SourcegraphVersion SINGLE_IMAGE_END = new SourcegraphVersion(7, 0, 0);

    public static final String FRONTEND_DB = "sourcegraph";
    /** The version the frontend recorded in its database (the last upgrade that finished). */
    public static final String RECORDED_VERSION_SQL = "select version from versions where service = 'frontend'";
    public static final String CODEINTEL_DB_NAME = "sourcegraph-codeintel";
    /** Present only where the single container runs code insights (AllowSingleDockerCodeInsights). */
    public static final String CODEINSIGHTS_DB_NAME = "sourcegraph-codeinsights";
    public static final String DB_ONLY_FILE_NEW = "db-only-migrate.docker-compose.yaml";
    public static final String DB_ONLY_FILE_OLD = "pgsql-only-migrate.docker-compose.yaml";

    /** Parses {@code 3.13.1}, {@code v3.27.0}, {@code 3.27} or an image tag like {@code 3.27.0-rc.1}; empty if it is no release. */
    public static Optional<SourcegraphVersion> parse(String text) {
        if (text == null) return Optional.empty();
        Matcher m = VERSION.matcher(text.strip());
        if (!m.matches()) return Optional.empty();
        return Optional.of(new SourcegraphVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3))));
    }

    public boolean atLeast(SourcegraphVersion other) {
        return compareTo(other) >= 0;
    }

    /** Databases a single-container instance of this version holds, frontend first. */
    public List<String> singleContainerDatabases() {
        return atLeast(CODEINTEL_DB) ? List.of(FRONTEND_DB, CODEINTEL_DB_NAME) : List.of(FRONTEND_DB);
    }

    /** The DB-only compose file this version's deploy-sourcegraph-docker ships; look for the other name too. */
    public String expectedDbOnlyFile() {
        return atLeast(DB_ONLY_RENAME) ? DB_ONLY_FILE_NEW : DB_ONLY_FILE_OLD;
    }

    /** Same release line for a migration: the docs require the same version on both sides. */
    public boolean sameRelease(SourcegraphVersion other) {
        return equals(other);
    }

    @Override
    public int compareTo(SourcegraphVersion o) {
        if (major != o.major) return Integer.compare(major, o.major);
        if (minor != o.minor) return Integer.compare(minor, o.minor);
        return Integer.compare(patch, o.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
