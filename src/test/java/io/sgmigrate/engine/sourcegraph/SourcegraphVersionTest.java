package io.sgmigrate.engine.sourcegraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SourcegraphVersionTest {
    private static SourcegraphVersion v(String s) {
        return SourcegraphVersion.parse(s).orElseThrow();
    }

    @Test
    void parsesTagsAndComparesNumerically() {
        assertEquals(new SourcegraphVersion(3, 13, 1), v("3.13.1"));
        assertEquals(new SourcegraphVersion(3, 27, 0), v("v3.27"));
        assertEquals(new SourcegraphVersion(3, 27, 0), v("3.27.0-rc.1"));
        assertEquals(Optional.empty(), SourcegraphVersion.parse("insiders"));
        assertTrue(v("3.9.0").compareTo(v("3.13.1")) < 0, "9 < 13, not as strings");
    }

    @Test
    void databasesAndTheDbOnlyFileDependOnTheVersion() {
        assertEquals(List.of("sourcegraph"), v("3.20.1").singleContainerDatabases());
        assertEquals(List.of("sourcegraph", "sourcegraph-codeintel"), v("3.21.0").singleContainerDatabases());
        assertEquals("pgsql-only-migrate.docker-compose.yaml", v("3.24.2").expectedDbOnlyFile());
        assertEquals("db-only-migrate.docker-compose.yaml", v("3.25.0").expectedDbOnlyFile());
    }
}
