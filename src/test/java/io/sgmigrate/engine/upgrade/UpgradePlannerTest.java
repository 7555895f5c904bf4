package io.sgmigrate.engine.upgrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.sourcegraph.SourcegraphVersion;
import io.sgmigrate.engine.upgrade.UpgradePlanner.Deployment;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules of the facts note (sections 4.1 to 4.4) on the shipped release table. */
class UpgradePlannerTest {
    private final Releases table = Releases.shipped();
    private final UpgradePlanner planner = new UpgradePlanner(table);

    private static SourcegraphVersion v(String s) {
        return SourcegraphVersion.parse(s).orElseThrow();
    }

    private UpgradePlan plan(String from, String to) {
        return planner.plan(v(from), v(to), Deployment.DOCKER_COMPOSE);
    }

    private static List<String> versions(UpgradePlan p) {
        return p.standard().steps().stream().map(UpgradePlan.Step::version).toList();
    }

    @Test
    void theSeedsOwnExampleIsTheLatestPatchOfTheMinorBetweenThenTheTarget() {
        UpgradePlan p = plan("3.35.1", "3.37.0");
        assertEquals(List.of("3.36.3", "3.37.0"), versions(p));
        assertEquals("3.35.1 \u2192 3.36.3 \u2192 3.37.0", p.chain());
        assertEquals(40, p.standard().minutes()[0]);
        assertEquals(60, p.standard().minutes()[1]);
        assertTrue(p.standard().steps().get(1).commands().contains("git -C deploy-sourcegraph-docker checkout v3.37.0"), p.standard().steps().get(1).commands().toString());
    }

    @Test
    void aChainAcrossAMajorGoesThroughTheLastMinorAndTheNextMajorsZero() {
        assertEquals(List.of("3.43.2", "4.0.1", "4.1.3"), versions(plan("3.42.0", "4.1.3")));
        assertEquals(List.of("4.5.1", "5.0.6"), versions(plan("4.4.2", "5.0.6")));
        assertEquals(List.of("3.13.2"), versions(plan("3.13.1", "3.13.2")), "a patch is one step of its own");
        assertTrue(plan("3.13.1", "3.13.1").standard().steps().isEmpty());
    }

    @Test
    void theMultiVersionUpgradeIsOfferedFrom320AndNotBefore() {
        UpgradePlan from320 = plan("3.20.0", "3.30.4");
        assertNotNull(from320.multiversion());
        assertEquals("upgrade --from=v3.20 --to=v3.30", from320.multiversion().command());
        UpgradePlan from319 = plan("3.19.2", "3.30.4");
        assertNull(from319.multiversion());
        assertTrue(from319.warnings().stream().anyMatch(w -> w.contains("starts at 3.20")), from319.warnings().toString());
        assertNull(plan("4.0.0", "4.1.0").multiversion(), "one step needs no migrator");
        assertNull(planner.plan(v("4.0.0"), v("4.5.1"), Deployment.SERVER).multiversion(), "no documented migrator procedure for sourcegraph/server");
    }

    @Test
    void fiveZeroToFiveOneFiveGoesThroughFiveOneZero() {
        UpgradePlan p = plan("5.0.3", "5.1.5");
        assertEquals(List.of("5.1.0", "5.1.5"), versions(p));
        assertTrue(p.standard().steps().get(0).notes().get(0).contains("5.0.x to 5.1.5 is broken"), p.standard().steps().get(0).notes().toString());
        assertTrue(p.warnings().stream().anyMatch(w -> w.contains("through 5.1.0")), p.warnings().toString());
    }

    @Test
    void aPathTouching510UsesThe510MigratorToReachItAndSaysPostgres16() {
        UpgradePlan p = plan("5.8.1579", "5.11.6271");
        assertEquals(List.of("5.9.17785", "5.10.3940", "5.11.6271"), versions(p));
        assertTrue(p.standard().steps().get(1).notes().stream().anyMatch(n -> n.contains("PostgreSQL 12 to 16")), p.standard().steps().get(1).notes().toString());
        List<UpgradePlan.Leg> legs = p.multiversion().legs();
        assertEquals(2, legs.size(), legs.toString());
        assertEquals("sourcegraph/migrator:5.10.3940", legs.get(0).migratorImage());
        assertEquals("5.10", legs.get(0).to());
        assertEquals("sourcegraph/migrator:" + table.newest(), legs.get(1).migratorImage());
        assertTrue(plan("5.9.0", "5.10.0").warnings().stream().anyMatch(w -> w.startsWith("5.10.0: upgrades")), "5.10.0 is to be avoided");
    }

    @Test
    void toSevenFromAPostgres12ReleaseIsWarnedAndTheServerImageEnds() {
        UpgradePlan p = planner.plan(v("5.2.7"), v("7.0.2852"), Deployment.SERVER);
        assertTrue(p.warnings().stream().anyMatch(w -> w.contains("7.0 removed the automatic PostgreSQL 12 to 16 conversion")), p.warnings().toString());
        assertTrue(p.warnings().stream().anyMatch(w -> w.startsWith("sourcegraph/server ends before 7.0")), p.warnings().toString());
        UpgradePlan compose = plan("5.2.7", "7.0.2852");
        assertEquals(List.of("5.10", "6.11", "7.0"), compose.multiversion().legs().stream().map(UpgradePlan.Leg::to).toList(), "through 5.10 and a 6.x that converts");
        assertEquals("7.0.2852", versions(compose).get(versions(compose).size() - 1));
        assertTrue(versions(compose).containsAll(List.of("5.11.6271", "6.0.12741", "6.12.5040")), versions(compose).toString());
        assertTrue(plan("5.11.6271", "6.0.0").warnings().stream().anyMatch(w -> w.contains("known security issue")));
        assertTrue(plan("3.26.3", "3.27.5").standard().steps().get(0).notes().get(0).contains("REINDEX"));
    }

    @Test
    void aDowngradeOrAnUnknownVersionIsRefusedNeverGuessed() {
        Problem down = assertThrows(Problem.class, () -> plan("4.1.0", "3.9.4"));
        assertEquals("4.1.0 to 3.9.4 is a downgrade: Sourcegraph instances are never downgraded in place.", down.what());
        assertEquals("Sourcegraph 3.99.0 is not in the release table shipped with sgmigrate (it knows 3.13 to 7.6.0).",
                assertThrows(Problem.class, () -> plan("3.99.0", "4.0.0")).what());
        assertTrue(assertThrows(Problem.class, () -> plan("3.12.4", "3.13.1")).what().startsWith("Sourcegraph 3.12.4 is not in"), "before the table");
        assertTrue(assertThrows(Problem.class, () -> plan("3.13.1", "3.13.9")).what().endsWith("the latest patch of that minor it knows is 3.13.2."));
        assertTrue(assertThrows(Problem.class, () -> plan("7.6.0", "7.7.0")).what().startsWith("Sourcegraph 7.7.0 is not in"));
        assertTrue(assertThrows(Problem.class, () -> UpgradePlanner.version("five", "--to")).what().startsWith("--to five is not"));
    }

    @Test
    void theShippedTableIsSortedEachMinorOnceWithTheNotesLastMinors() {
        List<Releases.Minor> m = table.minors();
        for (int i = 1; i < m.size(); i++) {
            Releases.Minor a = m.get(i - 1);
            Releases.Minor b = m.get(i);
            boolean next = (a.major() == b.major() && b.minor() == a.minor() + 1) || (b.major() == a.major() + 1 && b.minor() == 0);
            assertTrue(next, a.name() + " then " + b.name());
            if (b.major() != a.major()) assertEquals(a.minor(), table.lastMinor(a.major()).orElseThrow(), "last minor of " + a.major());
        }
        assertEquals("3.13", m.get(0).name());
        assertEquals("7.6", m.get(m.size() - 1).name());
        assertEquals(43, table.lastMinor(3).orElseThrow());
        assertEquals(5, table.lastMinor(4).orElseThrow());
        assertEquals(11, table.lastMinor(5).orElseThrow());
        assertEquals(12, table.lastMinor(6).orElseThrow());
    }

    @Test
    void aGivenTableIsCheckedAsTheShippedOne() {
        Problem unsorted = assertThrows(Problem.class, () -> Releases.parse(("{\"releases\": [{\"minor\": \"3.14\", \"latest\": \"3.14.4\"},"
                + " {\"minor\": \"3.13\", \"latest\": \"3.13.2\"}]}").getBytes(StandardCharsets.UTF_8), "t.json"));
        assertEquals("The release table t.json is not valid: releases must be sorted, each minor once: 3.13 after 3.14.", unsorted.what());
        assertTrue(assertThrows(Problem.class, () -> Releases.parse("{".getBytes(StandardCharsets.UTF_8), "t.json")).what().startsWith("The release table t.json is not valid"));
        Releases newer = Releases.parse(("{\"lastMinor\": {\"7\": 7}, \"releases\": [{\"minor\": \"7.6\", \"latest\": \"7.6.9\"}, {\"minor\": \"7.7\", \"latest\": \"7.7.3\"},"
                + " {\"minor\": \"8.0\", \"latest\": \"8.0.1\"}]}").getBytes(StandardCharsets.UTF_8), "newer.json");
        assertEquals(List.of("7.7.3", "8.0.1"), new UpgradePlanner(newer).plan(v("7.6.9"), v("8.0.1"), Deployment.KUBERNETES).standard().steps().stream()
                .map(UpgradePlan.Step::version).toList());
    }
}
